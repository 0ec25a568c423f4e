import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { proposalBlocks, proposalText } from '../adapters/slack/views/proposal-blocks.ts';
import type { ChatDirectory } from '../core/chatops/chat-runs.ts';
import {
  type ApprovalGate,
  type DecisionKind,
  type DecisionResult,
  type ProposalRecord,
  proposalIdSchema,
} from '../core/remediation/proposal.ts';

/**
 * A person deciding on a proposal, from a button or `/punchingfist
 * approve|deny`: the id is checked, the person's user groups resolved
 * (those the proposal's approvers name), the gate decides atomically, and
 * the proposal's message is redrawn to show who decided and when.
 */
export interface DecisionDeps {
  readonly gate: ApprovalGate;
  readonly directory: ChatDirectory;
  readonly client: WebClient;
  readonly logger: Logger;
  /** The deployment's default approver groups (they apply when a proposal names no approvers). */
  readonly defaultApproverGroups?: readonly string[];
}

export interface ChatLocation {
  readonly channel: string;
  readonly ts: string;
}

export type DecisionAnswer =
  | { readonly type: 'invalid-id'; readonly message: string }
  | { readonly type: 'decided'; readonly result: DecisionResult };

export const invalidProposalMessage =
  'That button does not point at a proposal I know. Nothing was done; use the buttons on the proposal message, or `/punchingfist approve <proposal>`.';

export function parseProposalId(value: unknown): string | undefined {
  const parsed = proposalIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

async function actorFor(deps: DecisionDeps, id: string, user: string) {
  const approvers = (await deps.gate.get(id))?.approvers;
  if (approvers === undefined) return { id: user, userGroups: [] };
  const named = approvers.users.length > 0 || approvers.userGroups.length > 0;
  const groups = named ? approvers.userGroups : (deps.defaultApproverGroups ?? []);
  return { id: user, userGroups: await deps.directory.memberGroups(user, groups) };
}

/** Redraws the proposal's message in place; a failure is logged (the decision stands). */
export async function redrawProposal(
  deps: Pick<DecisionDeps, 'client' | 'logger'>,
  proposal: ProposalRecord,
  fallback?: ChatLocation,
): Promise<void> {
  const where = proposal.chat ?? fallback;
  if (where === undefined) return;
  try {
    await deps.client.chat.update({
      channel: where.channel,
      ts: where.ts,
      text: proposalText(proposal),
      blocks: proposalBlocks(proposal),
    });
  } catch (err) {
    deps.logger.warn({ err, proposal: proposal.id }, 'proposal message not updated');
  }
}

export async function decideProposal(
  deps: DecisionDeps,
  input: { readonly value: unknown; readonly kind: DecisionKind; readonly user: string },
  location?: ChatLocation,
): Promise<DecisionAnswer> {
  const id = parseProposalId(input.value);
  if (id === undefined) return { type: 'invalid-id', message: invalidProposalMessage };
  const actor = await actorFor(deps, id, input.user);
  const result = await deps.gate.decide(id, input.kind, actor);
  deps.logger.info(
    { proposal: id, kind: input.kind, user: input.user, result: result.type },
    'proposal decision',
  );
  // A decision, or an expiry the click discovered, changes the message for everyone.
  const changed = result.type !== 'rejected' || result.reason === 'expired';
  if (changed && result.proposal !== undefined) {
    await redrawProposal(deps, result.proposal, location);
  }
  if (result.type === 'rejected' && result.reason === 'not-found') {
    const message = `There is no proposal \`${id}\` (it may have been cleaned up); nothing was done.`;
    return { type: 'decided', result: { ...result, message } };
  }
  return { type: 'decided', result };
}
