import type { WorkflowRunStatus } from '../resources/workflow-run.ts';
import { autoActor } from './decide.ts';
import type { ProposalRecord } from './proposal.ts';

/**
 * A proposal's state as the audit shows it: the WorkflowRun's
 * status.approvals entry (decision, who, when, outcome, message) and the
 * Kubernetes Event on the target (reason, type, message).
 */
type Approval = NonNullable<WorkflowRunStatus['approvals']>[number];

function decisionOf(r: ProposalRecord): Approval['decision'] {
  if (r.state === 'Dismissed') return 'Dismissed';
  if (r.state === 'Expired') return 'Expired';
  if (r.decidedBy === undefined) return undefined;
  return r.decidedBy.includes(autoActor.id) ? 'AutoApproved' : 'Approved';
}

const outcomeStates = ['Succeeded', 'Failed', 'RolledBack'] as const;
type OutcomeState = (typeof outcomeStates)[number];
const isOutcome = (s: string): s is OutcomeState =>
  (outcomeStates as readonly string[]).includes(s);

export function messageOf(r: ProposalRecord): string {
  switch (r.state) {
    case 'Proposed':
      return r.approvals.length === 0
        ? `proposed; needs ${r.requiredApprovals} approval(s) before ${r.expiresAt}`
        : `approved by ${r.approvals.map((a) => a.by).join(', ')}; needs ${r.requiredApprovals - r.approvals.length} more`;
    case 'Refused':
      return `refused by policy: ${r.policy.reasons.join('; ')}`;
    case 'Approved':
      return `approved by ${r.decidedBy?.join(' and ') ?? 'nobody'}; queued`;
    case 'Dismissed':
      return `dismissed by ${r.decidedBy?.join(', ') ?? 'nobody'}; nothing was run`;
    case 'Expired':
      return `expired at ${r.expiresAt} without a decision; nothing was run`;
    case 'Executing':
      return `executing (approved by ${r.decidedBy?.join(' and ') ?? 'nobody'})`;
    default:
      return r.outcome?.message ?? r.state;
  }
}

function without<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function approvalEntry(r: ProposalRecord): Approval {
  const decision = decisionOf(r);
  return without({
    proposalId: r.id,
    action: r.action,
    target: r.target.slice(0, 512),
    decision,
    decidedBy: r.decidedBy?.slice(0, 2).map((b) => b.slice(0, 64)),
    decidedAt: decision === undefined ? undefined : (r.decidedAt ?? r.createdAt),
    outcome: isOutcome(r.state) ? r.state : undefined,
    message: messageOf(r).slice(0, 4096),
  }) as Approval;
}

/** status.approvals with the proposal's entry replaced (or added). */
export function withApprovalEntry(
  status: WorkflowRunStatus | undefined,
  r: ProposalRecord,
): WorkflowRunStatus {
  const entry = approvalEntry(r);
  const current = status?.approvals ?? [];
  const approvals = current.some((a) => a.proposalId === r.id)
    ? current.map((a) => (a.proposalId === r.id ? entry : a))
    : [...current, entry].slice(-32);
  return { ...status, approvals };
}

export interface TargetEvent {
  readonly type: 'Normal' | 'Warning';
  /** UpperCamelCase, e.g. RemediationApproved. */
  readonly reason: string;
  readonly message: string;
}

export function targetEvent(r: ProposalRecord): TargetEvent {
  const warning = ['Refused', 'Failed', 'RolledBack', 'Expired'].includes(r.state);
  return {
    type: warning ? 'Warning' : 'Normal',
    reason: `Remediation${r.state}`,
    message:
      `punchingfist ${r.action} (proposal ${r.id}, run ${r.run.name}): ${messageOf(r)}`.slice(
        0,
        1024,
      ),
  };
}
