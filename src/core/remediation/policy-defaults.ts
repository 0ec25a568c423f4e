import { parseDuration } from '../resources/duration.ts';
import type {
  AllowRule,
  ApprovalRule,
  RemediationPolicySpec,
} from '../resources/remediation-policy.ts';
import type { RiskLevel } from './proposal.ts';

/**
 * The effective safety policy: the cluster default with a Workflow's
 * spec.remediationPolicy over it. Protected namespaces and the approval
 * floors only ever grow (a Workflow cannot unprotect kube-system or let a
 * high-risk action run unapproved); limits, rules and cooldown are the
 * Workflow's when it sets them.
 */
export interface RemediationPolicy {
  readonly protectedNamespaces: readonly string[];
  readonly maxScaleDelta: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly maxUnschedulableNodes: number;
  /** undefined: every action is allowed everywhere (not protected). */
  readonly allowedActions?: readonly AllowRule[];
  readonly approvals: readonly ApprovalRule[];
  /** Fewest approvals by risk, whatever the rules say. */
  readonly minApprovals: Readonly<Record<RiskLevel, number>>;
  readonly cooldownMs: number;
  readonly rules: readonly { readonly expression: string; readonly message: string }[];
}

export const builtInProtectedNamespaces = ['kube-system', 'kube-public', 'kube-node-lease'];

/** The safe built-in default; the operator's own namespace is protected too. */
export function defaultRemediationPolicy(operatorNamespace: string): RemediationPolicy {
  return {
    protectedNamespaces: [...new Set([...builtInProtectedNamespaces, operatorNamespace])],
    maxScaleDelta: 5,
    minReplicas: 1,
    maxReplicas: 50,
    maxUnschedulableNodes: 1,
    approvals: [],
    minApprovals: { low: 0, medium: 0, high: 1 },
    cooldownMs: 10 * 60_000,
    rules: [],
  };
}

export function mergePolicy(
  base: RemediationPolicy,
  spec: RemediationPolicySpec | undefined,
): RemediationPolicy {
  if (spec === undefined) return base;
  const cooldownMs = spec.cooldown === undefined ? undefined : parseDuration(spec.cooldown);
  const allowedActions = spec.allowedActions ?? base.allowedActions;
  return {
    protectedNamespaces: [
      ...new Set([...base.protectedNamespaces, ...(spec.protectedNamespaces ?? [])]),
    ],
    maxScaleDelta: spec.maxScaleDelta ?? base.maxScaleDelta,
    minReplicas: spec.minReplicas ?? base.minReplicas,
    maxReplicas: spec.maxReplicas ?? base.maxReplicas,
    maxUnschedulableNodes: spec.maxUnschedulableNodes ?? base.maxUnschedulableNodes,
    ...(allowedActions === undefined ? {} : { allowedActions }),
    approvals: spec.approvals ?? base.approvals,
    minApprovals: base.minApprovals,
    cooldownMs: cooldownMs ?? base.cooldownMs,
    rules: [...base.rules, ...(spec.rules ?? [])],
  };
}
