import type { ActionName } from '../investigation/actions.ts';
import { type ParsedRef, parseRef } from '../kube/refs.ts';
import type { ApprovalPolicy } from '../resources/approval-policy.ts';
import type { ApprovalRule } from '../resources/remediation-policy.ts';
import type { ExpressionEvaluator } from '../workflow/expression-evaluator.ts';
import type { RemediationPolicy } from './policy-defaults.ts';
import type { RiskLevel } from './proposal.ts';

/**
 * The safety policy, pure: may this action run on this target now, and how
 * many distinct people must approve it. Facts about the cluster and the
 * other proposals (current replicas, unschedulable nodes, in-flight and
 * cooldown marks) are gathered by the caller; every refusal is a sentence a
 * person can act on.
 */
export interface PolicyRequest {
  readonly action: ActionName;
  /** `Kind/namespace/name` (`Node/name`). */
  readonly target: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly risk: RiskLevel;
  readonly confidence?: number;
  readonly environment?: string;
}

export interface PolicyFacts {
  /** spec.replicas of a scale target now. */
  readonly currentReplicas?: number;
  /** Nodes unschedulable (cordoned) now. */
  readonly unschedulableNodes?: number;
  /** The node target is already unschedulable. */
  readonly targetUnschedulable?: boolean;
  /** Id of a proposal executing on the same target. */
  readonly inFlight?: string;
  /** When the same action last ran on the same target (the cooldown mark). */
  readonly lastRunAt?: string;
}

export interface PolicyInput {
  readonly policy: RemediationPolicy;
  readonly approval: Pick<ApprovalPolicy, 'required' | 'autoApproveIf'>;
  readonly request: PolicyRequest;
  readonly facts: PolicyFacts;
  readonly now: Date;
  readonly evaluator: ExpressionEvaluator;
}

export interface PolicyVerdict {
  readonly allowed: boolean;
  /** Why it is refused, one sentence each (empty when allowed). */
  readonly reasons: readonly string[];
  readonly requiredApprovals: number;
  /** Why that many approvals, for people. */
  readonly approvalNote: string;
}

type Check = (input: PolicyInput, target: ParsedRef) => string[];

const nodeActions: readonly ActionName[] = ['cordon_node', 'drain_node'];

const protectedNamespace: Check = ({ policy }, target) =>
  target.namespace !== undefined && policy.protectedNamespaces.includes(target.namespace)
    ? [`namespace ${target.namespace} is protected: no remediation may touch it`]
    : [];

const coversList = (list: readonly string[] | undefined, value: string | undefined) =>
  list === undefined || (value !== undefined && list.includes(value));

const allowedAction: Check = ({ policy, request }, target) => {
  const rules = policy.allowedActions;
  if (rules === undefined) return [];
  const ok = rules.some(
    (r) =>
      coversList(r.namespaces, target.namespace) &&
      coversList(r.environments, request.environment) &&
      r.actions.includes(request.action),
  );
  if (ok) return [];
  const where = [
    target.namespace === undefined ? 'cluster-wide' : `in namespace ${target.namespace}`,
    request.environment === undefined ? '' : `(environment ${request.environment})`,
  ];
  return [`${request.action} is not allowed ${where.join(' ').trim()} by the remediation policy`];
};

function bounds(policy: RemediationPolicy, what: string, value: unknown): string[] {
  if (typeof value !== 'number') return [];
  if (value < policy.minReplicas) {
    return [`${what} ${value} is below the policy minimum of ${policy.minReplicas} replicas`];
  }
  if (value > policy.maxReplicas) {
    return [`${what} ${value} is above the policy maximum of ${policy.maxReplicas} replicas`];
  }
  return [];
}

const scaleLimits: Check = ({ policy, request, facts }) => {
  if (request.action === 'update_hpa') {
    return [
      ...bounds(policy, 'minReplicas', request.params.minReplicas),
      ...bounds(policy, 'maxReplicas', request.params.maxReplicas),
    ];
  }
  if (request.action !== 'scale') return [];
  const replicas = request.params.replicas;
  const out = bounds(policy, 'scaling to', replicas);
  if (typeof replicas !== 'number') return out;
  if (facts.currentReplicas === undefined) {
    return [
      ...out,
      `the current replicas of ${request.target} are unknown, so the change cannot be bounded`,
    ];
  }
  const delta = Math.abs(replicas - facts.currentReplicas);
  if (delta > policy.maxScaleDelta) {
    out.push(
      `scaling ${request.target} from ${facts.currentReplicas} to ${replicas} changes ${delta} replicas; the policy allows at most ${policy.maxScaleDelta} at once`,
    );
  }
  return out;
};

const nodesAtOnce: Check = ({ policy, request, facts }) => {
  if (!nodeActions.includes(request.action) || facts.targetUnschedulable === true) return [];
  if (facts.unschedulableNodes === undefined) {
    return ['the number of unschedulable nodes is unknown, so another cannot be taken out safely'];
  }
  const after = facts.unschedulableNodes + 1;
  return after > policy.maxUnschedulableNodes
    ? [
        `${facts.unschedulableNodes} node(s) are already cordoned or drained; ${request.action} on ${request.target} would make ${after}, the policy allows at most ${policy.maxUnschedulableNodes} at once`,
      ]
    : [];
};

const inFlight: Check = ({ request, facts }) =>
  facts.inFlight === undefined
    ? []
    : [
        `another action (proposal ${facts.inFlight}) is running on ${request.target}; wait until it finishes`,
      ];

const minutes = (ms: number) => `${Math.max(1, Math.ceil(ms / 60_000))}m`;

const cooldown: Check = ({ policy, request, facts, now }) => {
  if (facts.lastRunAt === undefined || policy.cooldownMs === 0) return [];
  const since = now.getTime() - Date.parse(facts.lastRunAt);
  if (Number.isNaN(since) || since >= policy.cooldownMs) return [];
  const again = new Date(Date.parse(facts.lastRunAt) + policy.cooldownMs).toISOString();
  return [
    `${request.action} ran on ${request.target} ${minutes(since)} ago; the cooldown of ${minutes(policy.cooldownMs)} allows it again after ${again}`,
  ];
};

/** What CEL rules and autoApproveIf see. */
export function policyContext(input: PolicyInput, target: ParsedRef): Record<string, unknown> {
  const { request, facts } = input;
  const proposal = {
    action: request.action,
    target: request.target,
    kind: target.kind,
    namespace: target.namespace ?? '',
    name: target.name,
    params: request.params,
    risk: request.risk,
    confidence: request.confidence ?? 0,
    environment: request.environment ?? '',
    replicas: facts.currentReplicas ?? 0,
  };
  return { ...proposal, proposal };
}

const celRules: Check = (input, target) => {
  const context = policyContext(input, target);
  return input.policy.rules.flatMap((rule) => {
    const result = input.evaluator.evaluate(rule.expression, context);
    if (!result.ok)
      return [`policy rule "${rule.message}" could not be evaluated: ${result.error}`];
    return result.value === true ? [] : [rule.message];
  });
};

const checks: readonly Check[] = [
  protectedNamespace,
  allowedAction,
  scaleLimits,
  nodesAtOnce,
  inFlight,
  cooldown,
  celRules,
];

const ruleMatches = (rule: ApprovalRule, request: PolicyRequest) =>
  coversList(rule.risks, request.risk) &&
  coversList(rule.environments, request.environment) &&
  (rule.minConfidence === undefined || (request.confidence ?? 0) >= rule.minConfidence);

function approvalsOf(input: PolicyInput, target: ParsedRef): { count: number; note: string } {
  const { policy, approval, request } = input;
  const floor = policy.minApprovals[request.risk];
  const atLeastFloor = (count: number, note: string) =>
    count >= floor
      ? { count, note }
      : { count: floor, note: `${floor} (the minimum for ${request.risk}-risk actions)` };
  if (approval.autoApproveIf !== undefined) {
    const result = input.evaluator.evaluate(approval.autoApproveIf, policyContext(input, target));
    if (result.ok && result.value === true) {
      return atLeastFloor(0, 'auto-approved by approvalPolicy.autoApproveIf');
    }
  }
  const rule = policy.approvals.find((r) => ruleMatches(r, request));
  if (rule !== undefined) {
    return atLeastFloor(
      rule.required,
      `${rule.required} by the remediation policy's approval rule`,
    );
  }
  return atLeastFloor(approval.required, `${approval.required} by the approval policy`);
}

export function evaluatePolicy(input: PolicyInput): PolicyVerdict {
  const target = parseRef(input.request.target);
  if (target === undefined) {
    return {
      allowed: false,
      reasons: [`target ${input.request.target} is not Kind/namespace/name or Node/name`],
      requiredApprovals: input.approval.required,
      approvalNote: '',
    };
  }
  const reasons = checks.flatMap((check) => check(input, target));
  const approvals = approvalsOf(input, target);
  return {
    allowed: reasons.length === 0,
    reasons,
    requiredApprovals: approvals.count,
    approvalNote: approvals.note,
  };
}
