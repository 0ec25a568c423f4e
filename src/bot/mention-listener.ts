import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { type ChatRunDeps, startMentionRun } from '../core/chatops/chat-runs.ts';
import { mentionUsage, parseMention } from '../core/chatops/mention-command.ts';

/**
 * `@punchingfist investigate …` / `ask …` / `help`. A run answers in the
 * mention's thread at once ("on it"); the run's own messages (progress,
 * report) follow there from the Slack sink. Help, mistakes and refusals
 * are ephemeral: only the person who asked sees them.
 */
export interface MentionDeps {
  readonly client: WebClient;
  readonly runs: ChatRunDeps;
  readonly logger: Logger;
}

interface Mention {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly text: string;
  /** Set when Slack redelivers an event it thinks we missed. */
  readonly retry: boolean;
}

async function whisper(deps: MentionDeps, mention: Mention, text: string): Promise<void> {
  await deps.client.chat.postEphemeral({
    channel: mention.channel,
    user: mention.user,
    text,
    ...(mention.threadTs === undefined ? {} : { thread_ts: mention.threadTs }),
  });
}

export async function handleMention(deps: MentionDeps, mention: Mention): Promise<void> {
  const command = parseMention(mention.text);
  if (command.type === 'help') {
    return whisper(deps, mention, `I investigate what goes wrong in the cluster.\n${mentionUsage}`);
  }
  if (command.type === 'invalid') return whisper(deps, mention, command.message);
  const request = {
    channel: mention.channel,
    user: mention.user,
    messageTs: mention.ts,
    threadTs: mention.threadTs ?? mention.ts,
  };
  const result = await startMentionRun(deps.runs, request, command);
  if (result.type === 'refused') return whisper(deps, mention, result.message);
  deps.logger.info(
    { runId: result.runId, workflow: result.workflow, user: mention.user, retry: mention.retry },
    'run requested in slack',
  );
  // The run is named after the mention: a redelivery enqueued nothing new and says nothing twice.
  if (mention.retry) return;
  await deps.client.chat.postMessage({
    channel: mention.channel,
    thread_ts: request.threadTs,
    text: `On it: run \`${result.runId}\` (${result.workflow}) is looking at ${result.subject}. I'll post what I find in this thread.`,
  });
}

export function registerMentionListener(app: App, deps: MentionDeps): void {
  app.event('app_mention', async ({ event, context }) => {
    if (event.user === undefined) return;
    const mention: Mention = {
      channel: event.channel,
      user: event.user,
      ts: event.ts,
      text: event.text,
      retry: context.retryNum !== undefined,
      ...(event.thread_ts === undefined ? {} : { threadTs: event.thread_ts }),
    };
    try {
      await handleMention(deps, mention);
    } catch (err) {
      deps.logger.error({ err, channel: mention.channel }, 'mention not handled');
      const why = err instanceof Error ? err.message : String(err);
      await whisper(deps, mention, `Sorry, I could not start that run: ${why}`);
    }
  });
}
