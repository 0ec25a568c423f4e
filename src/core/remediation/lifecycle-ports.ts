import type { ProposalRecord } from './proposal.ts';

/**
 * What the remediation lifecycle (gate, action worker, sweeper) needs from
 * the outside: the proposal store (Redis), the action queue (BullMQ), the
 * audit (WorkflowRun status + Kubernetes Event) and the run resumer.
 */
export type Mutation<T> = (current: ProposalRecord) => {
  readonly next?: ProposalRecord;
  readonly value: T;
};

export interface ProposalStore {
  /** false when a record of that id exists (idempotent create). */
  create(record: ProposalRecord): Promise<boolean>;
  get(id: string): Promise<ProposalRecord | undefined>;
  /**
   * Reads, applies `mutate`, writes `next` only if nobody changed the record
   * meanwhile (else runs `mutate` again on the new record). undefined: no such record.
   */
  update<T>(id: string, mutate: Mutation<T>): Promise<{ readonly value: T } | undefined>;
  /** Ids of records still Proposed whose expiresAt has passed, and Approved ones (to re-enqueue). */
  due(now: Date): Promise<{ readonly expired: string[]; readonly approved: string[] }>;
  /** Marks the target in flight for `id`; the holder's id when another proposal holds it. */
  claimTarget(target: string, id: string, ttlMs: number): Promise<string | undefined>;
  releaseTarget(target: string, id: string): Promise<void>;
  /** The proposal in flight on the target, if any. */
  holderOf(target: string): Promise<string | undefined>;
  /** The cooldown mark: when `action` last ran on `target`, kept for `ttlMs`. */
  markRan(action: string, target: string, at: string, ttlMs: number): Promise<void>;
  lastRan(action: string, target: string): Promise<string | undefined>;
  /** One executor of a proposal at a time: true when `token` now holds the lease. */
  lease(id: string, token: string, ttlMs: number): Promise<boolean>;
  releaseLease(id: string, token: string): Promise<void>;
}

export interface ActionQueue {
  /** Idempotent: the job id is the proposal id. */
  enqueue(proposalId: string): Promise<void>;
}

/** Writes a proposal's state to the WorkflowRun's status.approvals and as a Kubernetes Event on the target. */
export interface RemediationAudit {
  record(proposal: ProposalRecord): Promise<void>;
}

/** Continues the run of a proposal that reached an end state (Succeeded, Failed, RolledBack, Dismissed, Expired). */
export interface RunResumer {
  resume(proposal: ProposalRecord): Promise<void>;
}

export const endStates: readonly ProposalRecord['state'][] = [
  'Succeeded',
  'Failed',
  'RolledBack',
  'Dismissed',
  'Expired',
];

/** Records a Kubernetes Event on a target (`Kind/namespace/name`, `Node/name`). */
export interface EventRecorder {
  record(
    target: string,
    event: {
      readonly type: 'Normal' | 'Warning';
      readonly reason: string;
      readonly message: string;
    },
  ): Promise<void>;
}
