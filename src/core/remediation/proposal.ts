import { z } from 'zod';
import { actionNames } from '../investigation/actions.ts';

/**
 * The proposal record: where the approval gate (Slack buttons, slash
 * commands, auto-approval) and the remediation executor meet. It lives
 * server-side (Redis, keyed by id); a button carries only the id. Every
 * state change is also written to the WorkflowRun's status.approvals and as
 * a Kubernetes Event on the target.
 *
 *   Proposed ──approve (enough distinct approvers)──► Approved ──► Executing ──► Succeeded
 *      │  └─approve (first of two)─► Proposed (approvals: 1)          │      └─► Failed
 *      ├─dismiss──► Dismissed                                         └─verify timeout─► RolledBack
 *      ├─expiresAt passes──► Expired
 *      └─policy refuses──► Refused (never executable)
 */
export const proposalStates = [
  'Proposed',
  'Refused',
  'Approved',
  'Dismissed',
  'Expired',
  'Executing',
  'Succeeded',
  'Failed',
  'RolledBack',
] as const;
export type ProposalState = (typeof proposalStates)[number];

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

const dateTime = z.iso.datetime({ offset: true });
export const proposalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 of A-Z a-z 0-9 _ -');

export const proposalRecordSchema = z.strictObject({
  id: proposalIdSchema,
  /** The run that proposed it, and its remediate step (resumed once the action ends). */
  run: z.strictObject({
    namespace: z.string().min(1),
    name: z.string().min(1),
    workflow: z.string().min(1),
    step: z.string().min(1),
  }),
  action: z.enum(actionNames),
  /** `Kind/namespace/name` (`Node/name` for nodes). */
  target: z.string().min(3).max(320),
  params: z.record(z.string(), z.unknown()),
  rationale: z.string().max(2000).optional(),
  /** Of the report that proposed it, 0–1. */
  confidence: z.number().min(0).max(1).optional(),
  /** The target namespace's environment (classification), e.g. production. */
  environment: z.string().max(63).optional(),
  risk: z.enum(riskLevels),
  requiredApprovals: z.int().min(0).max(2),
  /** Resolved at proposal time from the Workflow's approval policy (empty: the deployment default). */
  approvers: z.strictObject({
    users: z.array(z.string()).default([]),
    userGroups: z.array(z.string()).default([]),
  }),
  createdAt: dateTime,
  expiresAt: dateTime,
  state: z.enum(proposalStates),
  /** The safety policy's verdict; `allowed: false` means state Refused, with reasons a person can read. */
  policy: z.strictObject({ allowed: z.boolean(), reasons: z.array(z.string()).default([]) }),
  /** The server-side dry run (dryRun=All): what would change. */
  dryRun: z
    .strictObject({
      ok: z.boolean(),
      summary: z.string().max(4000),
      diff: z.string().max(20000).optional(),
    })
    .optional(),
  approvals: z.array(z.strictObject({ by: z.string(), at: dateTime })).default([]),
  decidedBy: z.array(z.string()).optional(),
  decidedAt: dateTime.optional(),
  /** Set once executed: what happened, including verification and any rollback. */
  outcome: z.strictObject({ message: z.string().max(4000), at: dateTime }).optional(),
  /** Where the proposal's chat message is, so later states edit it in place. */
  chat: z.strictObject({ channel: z.string(), ts: z.string() }).optional(),
});
export type ProposalRecord = z.infer<typeof proposalRecordSchema>;

/** A person (or a policy) deciding on a proposal. */
export interface Actor {
  /** Slack user id, `cli:<user>`, or `policy:auto`. */
  readonly id: string;
  /** Slack user group ids the person belongs to (for approvers.userGroups). */
  readonly userGroups: readonly string[];
}

export type DecisionKind = 'approve' | 'dismiss';

/** What the gate answers a decision; `message` is what the person is told. */
export type DecisionResult =
  /** Enough approvals: the action is enqueued (once). */
  | { readonly type: 'approved'; readonly proposal: ProposalRecord; readonly message: string }
  /** An approval counted, another distinct approver is still needed. */
  | { readonly type: 'recorded'; readonly proposal: ProposalRecord; readonly message: string }
  | { readonly type: 'dismissed'; readonly proposal: ProposalRecord; readonly message: string }
  | {
      readonly type: 'rejected';
      readonly reason:
        | 'not-found'
        | 'not-allowed'
        | 'already-decided'
        | 'same-approver'
        | 'expired'
        | 'refused-by-policy';
      readonly proposal?: ProposalRecord;
      readonly message: string;
    };

/**
 * The approval gate as the chat adapters and the CLI see it. Implementations
 * make decide() atomic per proposal: a double click or two approvers at
 * once enqueue the action at most once.
 */
export interface ApprovalGate {
  get(id: string): Promise<ProposalRecord | undefined>;
  decide(id: string, kind: DecisionKind, actor: Actor): Promise<DecisionResult>;
  /** Runs the server-side dry run again and returns its result (nothing changes). */
  dryRun(id: string): Promise<NonNullable<ProposalRecord['dryRun']> | undefined>;
  /** Remembers where the proposal's message is (chat adapters call this after posting). */
  attachChat(id: string, chat: NonNullable<ProposalRecord['chat']>): Promise<void>;
}
