import { describe, expect, it } from 'vitest';
import { createCelEvaluator } from '../../adapters/cel/cel-evaluator.ts';
import type { RemediationPolicySpec } from '../resources/remediation-policy.ts';
import { evaluatePolicy, type PolicyFacts, type PolicyRequest } from './policy.ts';
import { defaultRemediationPolicy, mergePolicy } from './policy-defaults.ts';

const now = new Date('2026-11-22T08:00:00Z');
const evaluator = createCelEvaluator();

interface Case {
  readonly name: string;
  readonly request: Partial<PolicyRequest>;
  readonly facts?: PolicyFacts;
  readonly spec?: RemediationPolicySpec;
  readonly required?: 0 | 1 | 2;
  readonly autoApproveIf?: string;
  /** Refused with a reason matching this; undefined: allowed. */
  readonly refused?: RegExp;
  readonly approvals?: number;
}

const base: PolicyRequest = {
  action: 'rollout_restart',
  target: 'Deployment/shop/web',
  params: {},
  risk: 'low',
  confidence: 0.9,
  environment: 'production',
};

const cases: readonly Case[] = [
  { name: 'a low-risk restart in an ordinary namespace', request: {}, approvals: 1 },
  {
    name: 'kube-system is protected',
    request: { target: 'Deployment/kube-system/coredns' },
    refused: /namespace kube-system is protected: no remediation may touch it/,
  },
  {
    name: 'kube-node-lease is protected',
    request: { target: 'Deployment/kube-node-lease/x' },
    refused: /namespace kube-node-lease is protected/,
  },
  {
    name: "the operator's own namespace is protected",
    request: { target: 'Deployment/punchingfist/operator' },
    refused: /namespace punchingfist is protected/,
  },
  {
    name: 'a Workflow adds protected namespaces',
    request: { target: 'Deployment/payments/api' },
    spec: { protectedNamespaces: ['payments'] },
    refused: /namespace payments is protected/,
  },
  {
    name: 'scale beyond the maximum',
    request: { action: 'scale', params: { replicas: 80 }, risk: 'medium' },
    facts: { currentReplicas: 78 },
    refused: /scaling to 80 is above the policy maximum of 50 replicas/,
  },
  {
    name: 'scale to zero is below the default minimum',
    request: { action: 'scale', params: { replicas: 0 }, risk: 'medium' },
    facts: { currentReplicas: 2 },
    refused: /scaling to 0 is below the policy minimum of 1 replicas/,
  },
  {
    name: 'scale by more than the delta',
    request: { action: 'scale', params: { replicas: 20 }, risk: 'medium' },
    facts: { currentReplicas: 3 },
    refused: /from 3 to 20 changes 17 replicas; the policy allows at most 5 at once/,
  },
  {
    name: 'scale within delta and bounds',
    request: { action: 'scale', params: { replicas: 6 }, risk: 'medium' },
    facts: { currentReplicas: 3 },
    approvals: 1,
  },
  {
    name: 'a Workflow raises the delta',
    request: { action: 'scale', params: { replicas: 20 }, risk: 'medium' },
    facts: { currentReplicas: 3 },
    spec: { maxScaleDelta: 20 },
    approvals: 1,
  },
  {
    name: 'scale without knowing the current replicas',
    request: { action: 'scale', params: { replicas: 4 }, risk: 'medium' },
    refused: /current replicas of Deployment\/shop\/web are unknown/,
  },
  {
    name: "an HPA's max above the bound",
    request: {
      action: 'update_hpa',
      params: { maxReplicas: 200 },
      target: 'HorizontalPodAutoscaler/shop/web',
    },
    refused: /maxReplicas 200 is above the policy maximum of 50 replicas/,
  },
  {
    name: 'a second node cordoned while one already is',
    request: { action: 'cordon_node', target: 'Node/n2', risk: 'medium' },
    facts: { unschedulableNodes: 1 },
    refused:
      /1 node\(s\) are already cordoned or drained; cordon_node on Node\/n2 would make 2, the policy allows at most 1 at once/,
  },
  {
    name: 'the first node drained',
    request: { action: 'drain_node', target: 'Node/n1', risk: 'high' },
    facts: { unschedulableNodes: 0 },
    approvals: 1,
  },
  {
    name: 'draining a node that is already cordoned adds none',
    request: { action: 'drain_node', target: 'Node/n1', risk: 'high' },
    facts: { unschedulableNodes: 1, targetUnschedulable: true },
    approvals: 1,
  },
  {
    name: 'nodes unknown',
    request: { action: 'drain_node', target: 'Node/n1', risk: 'high' },
    refused: /number of unschedulable nodes is unknown/,
  },
  {
    name: 'another action in flight on the target',
    request: {},
    facts: { inFlight: 'run-1-fix' },
    refused:
      /another action \(proposal run-1-fix\) is running on Deployment\/shop\/web; wait until it finishes/,
  },
  {
    name: 'same action on the same target within the cooldown',
    request: {},
    facts: { lastRunAt: '2026-11-22T07:57:00Z' },
    refused:
      /rollout_restart ran on Deployment\/shop\/web 3m ago; the cooldown of 10m allows it again after 2026-11-22T08:07:00.000Z/,
  },
  {
    name: 'after the cooldown',
    request: {},
    facts: { lastRunAt: '2026-11-22T07:40:00Z' },
    approvals: 1,
  },
  {
    name: 'action not in the allowed list for production',
    request: { action: 'scale', params: { replicas: 3 }, risk: 'medium' },
    facts: { currentReplicas: 2 },
    spec: { allowedActions: [{ environments: ['production'], actions: ['rollout_restart'] }] },
    refused:
      /scale is not allowed in namespace shop \(environment production\) by the remediation policy/,
  },
  {
    name: 'action in the allowed list',
    request: {},
    spec: { allowedActions: [{ namespaces: ['shop'], actions: ['rollout_restart'] }] },
    approvals: 1,
  },
  {
    name: 'a CEL rule refuses with its message',
    request: { action: 'rollback', risk: 'medium', confidence: 0.4 },
    spec: {
      rules: [
        { expression: 'confidence >= 0.7', message: 'rollbacks need a confident report (0.7)' },
      ],
    },
    refused: /^rollbacks need a confident report \(0\.7\)$/,
  },
  {
    name: 'a CEL rule that cannot be evaluated refuses',
    request: {},
    spec: { rules: [{ expression: 'params.nope.deeper == 1', message: 'deep param' }] },
    refused: /policy rule "deep param" could not be evaluated/,
  },
  {
    name: 'auto-approval by autoApproveIf in staging',
    request: { environment: 'staging' },
    autoApproveIf: "environment == 'staging' && confidence >= 0.8",
    approvals: 0,
  },
  {
    name: 'autoApproveIf false keeps the approval policy',
    request: {},
    autoApproveIf: "environment == 'staging'",
    approvals: 1,
  },
  {
    name: 'high risk is never auto-approved by the default floor',
    request: { action: 'drain_node', target: 'Node/n1', risk: 'high', environment: 'staging' },
    facts: { unschedulableNodes: 0 },
    autoApproveIf: 'true',
    approvals: 1,
  },
  {
    name: 'approval rule: two approvers for medium risk in production',
    request: { action: 'rollback', risk: 'medium' },
    spec: { approvals: [{ risks: ['medium', 'high'], environments: ['production'], required: 2 }] },
    approvals: 2,
  },
  {
    name: 'approval rule by confidence: auto for confident low-risk',
    request: { confidence: 0.95 },
    spec: { approvals: [{ risks: ['low'], minConfidence: 0.9, required: 0 }] },
    approvals: 0,
  },
  {
    name: 'approval rule by confidence does not apply below it',
    request: { confidence: 0.5 },
    spec: { approvals: [{ risks: ['low'], minConfidence: 0.9, required: 0 }] },
    approvals: 1,
  },
  {
    name: 'a target that is no object reference',
    request: { target: 'web' },
    refused: /target web is not Kind\/namespace\/name or Node\/name/,
  },
  {
    name: 'several refusals at once are all given',
    request: { target: 'Deployment/kube-system/x' },
    facts: { inFlight: 'p-1' },
    refused: /another action \(proposal p-1\)/,
  },
];

describe('remediation policy', () => {
  it.each(cases)('$name', (c) => {
    const verdict = evaluatePolicy({
      policy: mergePolicy(defaultRemediationPolicy('punchingfist'), c.spec),
      approval: {
        required: c.required ?? 1,
        ...(c.autoApproveIf === undefined ? {} : { autoApproveIf: c.autoApproveIf }),
      },
      request: { ...base, ...c.request },
      facts: c.facts ?? {},
      now,
      evaluator,
    });
    if (c.refused === undefined) {
      expect(verdict.reasons).toEqual([]);
      expect(verdict.allowed).toBe(true);
    } else {
      expect(verdict.allowed).toBe(false);
      expect(verdict.reasons.some((r) => c.refused?.test(r))).toBe(true);
    }
    if (c.approvals !== undefined) expect(verdict.requiredApprovals).toBe(c.approvals);
  });

  it('a Workflow cannot unprotect the defaults', () => {
    const merged = mergePolicy(defaultRemediationPolicy('pf'), { protectedNamespaces: ['x'] });
    expect(merged.protectedNamespaces).toEqual(
      expect.arrayContaining(['kube-system', 'kube-public', 'kube-node-lease', 'pf', 'x']),
    );
  });
});
