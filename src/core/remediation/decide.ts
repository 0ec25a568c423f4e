import type { ApprovalPolicy } from '../resources/approval-policy.ts';
import type { Actor, DecisionKind, DecisionResult, ProposalRecord } from './proposal.ts';

/**
 * The approval gate's decision, pure: a person (or `policy:auto`) approves
 * or dismisses a proposal at a time → the record to store (if it changes)
 * and what the person is told. The caller stores `next` atomically
 * (compare-and-set on the record), so of two clicks at once only one moves
 * the state.
 *
 * Approvers: the proposal's users/userGroups, resolved when it was proposed
 * (`approversFor`: a per-namespace rule matching the target's namespace
 * replaces the policy's lists); both empty → the deployment's default
 * approvers; those empty too → any user may decide (a deployment that wants
 * fewer sets PUNCHINGFIST_APPROVERS, see ADR 007).
 */
export interface Approvers {
  readonly users: readonly string[];
  readonly userGroups: readonly string[];
}

/** Whether a namespace name matches a rule's name or glob (`*`: any characters). */
export function namespaceMatches(pattern: string, namespace: string): boolean {
  if (!pattern.includes('*')) return pattern === namespace;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(namespace);
}

/** The namespace of a proposal target (`Kind/namespace/name`); none for `Node/name`. */
function namespaceOf(target: string): string | undefined {
  const parts = target.split('/');
  return parts.length === 3 ? parts[1] : undefined;
}

/**
 * Who may approve a proposal on `target`: the first per-namespace rule
 * matching the target's namespace — instead of the global lists, so a
 * team's namespace is approved only by that team — else the global lists.
 */
export function approversFor(
  policy: ApprovalPolicy['approvers'],
  target: string,
): { users: string[]; userGroups: string[] } {
  const namespace = namespaceOf(target);
  const rule =
    namespace === undefined
      ? undefined
      : policy.namespaces?.find((r) => r.namespaces.some((p) => namespaceMatches(p, namespace)));
  const chosen = rule ?? policy;
  return { users: [...chosen.users], userGroups: [...chosen.userGroups] };
}

export interface DecisionInput {
  readonly record: ProposalRecord;
  readonly kind: DecisionKind;
  readonly actor: Actor;
  readonly now: Date;
  readonly defaultApprovers: Approvers;
}

export interface Decision {
  readonly result: DecisionResult;
  /** The record to store; undefined when nothing changes. */
  readonly next?: ProposalRecord;
}

export const autoActor: Actor = { id: 'policy:auto', userGroups: [] };

const isEmpty = (a: Approvers) => a.users.length === 0 && a.userGroups.length === 0;

export function mayDecide(record: ProposalRecord, actor: Actor, defaults: Approvers): boolean {
  if (actor.id === autoActor.id) return record.requiredApprovals === 0;
  const approvers = isEmpty(record.approvers) ? defaults : record.approvers;
  if (isEmpty(approvers)) return true;
  return (
    approvers.users.includes(actor.id) ||
    actor.userGroups.some((g) => approvers.userGroups.includes(g))
  );
}

const reject = (
  reason: Extract<DecisionResult, { type: 'rejected' }>['reason'],
  message: string,
  proposal?: ProposalRecord,
): Decision => ({
  result: { type: 'rejected', reason, message, ...(proposal === undefined ? {} : { proposal }) },
});

function decidedText(record: ProposalRecord): string {
  const by = record.decidedBy?.join(', ');
  return `${record.action} on ${record.target} is already ${record.state}${by ? ` (by ${by})` : ''}`;
}

function expire(record: ProposalRecord, now: Date): Decision {
  const next: ProposalRecord = { ...record, state: 'Expired', decidedAt: now.toISOString() };
  return {
    ...reject('expired', `the proposal expired at ${record.expiresAt}; nothing was run`, next),
    next,
  };
}

function approve(record: ProposalRecord, actor: Actor, at: string): Decision {
  if (record.approvals.some((a) => a.by === actor.id)) {
    return reject(
      'same-approver',
      `you already approved ${record.action} on ${record.target}; a second, different approver is needed`,
      record,
    );
  }
  const approvals = [...record.approvals, { by: actor.id, at }];
  const needed = Math.max(record.requiredApprovals, 1);
  if (approvals.length < needed) {
    const next = { ...record, approvals };
    return {
      next,
      result: {
        type: 'recorded',
        proposal: next,
        message: `approval by ${actor.id} recorded; ${needed - approvals.length} more approver needed`,
      },
    };
  }
  const next: ProposalRecord = {
    ...record,
    approvals,
    state: 'Approved',
    decidedBy: approvals.map((a) => a.by),
    decidedAt: at,
  };
  const message = `${record.action} on ${record.target} approved by ${next.decidedBy?.join(' and ')}; running it`;
  return { next, result: { type: 'approved', proposal: next, message } };
}

export function decide(input: DecisionInput): Decision {
  const { record, kind, actor, now } = input;
  if (record.state === 'Refused') {
    return reject(
      'refused-by-policy',
      `the policy refused ${record.action} on ${record.target}: ${record.policy.reasons.join('; ')}`,
      record,
    );
  }
  if (record.state === 'Expired') return reject('expired', decidedText(record), record);
  if (record.state !== 'Proposed') return reject('already-decided', decidedText(record), record);
  if (now.getTime() >= Date.parse(record.expiresAt)) return expire(record, now);
  if (!mayDecide(record, actor, input.defaultApprovers)) {
    return reject(
      'not-allowed',
      `you are not an approver of ${record.action} on ${record.target}`,
      record,
    );
  }
  const at = now.toISOString();
  if (kind === 'approve') return approve(record, actor, at);
  const next: ProposalRecord = {
    ...record,
    state: 'Dismissed',
    decidedBy: [actor.id],
    decidedAt: at,
  };
  const message = `${record.action} on ${record.target} dismissed by ${actor.id}; nothing was run`;
  return { next, result: { type: 'dismissed', proposal: next, message } };
}
