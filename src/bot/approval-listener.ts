import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { proposalActionIds } from '../adapters/slack/views/proposal-blocks.ts';
import {
  type ChatLocation,
  type DecisionDeps,
  decideProposal,
  invalidProposalMessage,
  parseProposalId,
} from './proposal-decisions.ts';

/**
 * The proposal buttons (Approve / Dismiss / Dry-run). The click is acked
 * at once; what the person is told comes back ephemerally through the
 * response_url; a decision redraws the proposal message for everyone.
 */
const buttonIds = new RegExp(`^(${Object.values(proposalActionIds).join('|')})$`);

async function tell(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}

function locationOf(body: BlockAction): ChatLocation | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : undefined;
}

async function dryRun(deps: DecisionDeps, value: unknown, respond: RespondFn): Promise<void> {
  const id = parseProposalId(value);
  if (id === undefined) return tell(respond, invalidProposalMessage);
  const result = await deps.gate.dryRun(id);
  if (result === undefined) return tell(respond, `There is no proposal \`${id}\` any more.`);
  const diff = result.diff === undefined ? '' : `\n\`\`\`${result.diff.slice(0, 2800)}\`\`\``;
  const verdict = result.ok ? ':test_tube: Dry run passed' : ':warning: Dry run failed';
  return tell(respond, `${verdict}: ${result.summary}${diff}`);
}

export async function handleProposalClick(
  deps: DecisionDeps,
  body: BlockAction,
  action: ButtonAction,
  respond: RespondFn,
): Promise<void> {
  if (action.action_id === proposalActionIds.dryRun) return dryRun(deps, action.value, respond);
  const kind = action.action_id === proposalActionIds.approve ? 'approve' : 'dismiss';
  const answer = await decideProposal(
    deps,
    { value: action.value, kind, user: body.user.id },
    locationOf(body),
  );
  if (answer.type === 'invalid-id') return tell(respond, answer.message);
  const { result } = answer;
  // Everyone sees the redrawn message; the clicker also hears why nothing happened, or what is next.
  if (result.type === 'rejected' || result.type === 'recorded') {
    return tell(respond, result.message);
  }
}

export function registerApprovalListener(app: App, deps: DecisionDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: buttonIds }, async (args) => {
    await args.ack();
    if (args.action.type !== 'button') return;
    await handleProposalClick(deps, args.body, args.action, args.respond);
  });
}
