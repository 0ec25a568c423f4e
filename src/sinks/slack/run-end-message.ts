import type { ChatMessage } from '../../adapters/slack/slack-chat.ts';
import { context, section } from '../../adapters/slack/views/block-builders.ts';
import { escapeMrkdwn } from '../../adapters/slack/views/slack-limits.ts';
import type { RunEvent } from '../../core/run-events.ts';

const phaseLines: Readonly<Record<string, string>> = {
  Succeeded: ':white_check_mark: Run finished',
  Failed: ':x: Run failed',
  Cancelled: ':no_entry_sign: Run cancelled',
  AwaitingApproval: ':raised_hand: Waiting for a decision on the proposed action',
};

/** The thread's last word on a run (or on one stretch of it, when it awaits approval). */
export function runEndMessage(event: Extract<RunEvent, { type: 'run-finished' }>): ChatMessage {
  const line = phaseLines[event.phase] ?? `Run ${event.phase}`;
  const run = `${event.run.namespace}/${event.run.name}`;
  const text = `${line}: ${event.message}`;
  return {
    text,
    blocks: [
      section(`*${line}*${event.message === '' ? '' : `\n${escapeMrkdwn(event.message)}`}`),
      context([
        `WorkflowRun \`${escapeMrkdwn(run)}\` · \`kubectl get workflowrun ${escapeMrkdwn(event.run.name)} -n ${escapeMrkdwn(event.run.namespace)}\``,
      ]),
    ],
  };
}
