import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatMessage, PostedMessage, SlackChat } from '../../adapters/slack/slack-chat.ts';
import { alertAttachments, alertText } from '../../adapters/slack/views/alert-blocks.ts';
import { context, section } from '../../adapters/slack/views/block-builders.ts';
import { formatTime } from '../../adapters/slack/views/chat-format.ts';
import type { AlertThreadNotifier } from '../../core/alert-thread-notifier.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { Clock } from '../../core/ports.ts';
import { createMessageLedger, type LedgerOptions } from './message-ledger.ts';
import { alertGroupKey, markerOf, threadFieldPrefix } from './thread-keys.ts';
import { isNewer } from './thread-targets.ts';

/**
 * Ingest's side of an alert thread: a re-fire becomes a reply in the
 * group's existing thread ("re-fired, occurrence n"), a resolved
 * notification edits the parent to resolved and says so in the thread.
 * Threads are found in Redis (opened by the run's thread sink), so this
 * works from any replica and after restarts. No thread yet: nothing to do.
 */
export interface AlertThreadNotifierDeps {
  readonly chat: SlackChat;
  readonly redis: Redis;
  readonly prefix: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ledger?: LedgerOptions;
}

function refireMessage(event: SourceEvent, occurrences: number): ChatMessage {
  const text = `:repeat: ${event.title} re-fired, occurrence ${occurrences}`;
  return {
    text,
    blocks: [
      section(`:repeat: *Re-fired* — occurrence ${occurrences}`),
      context([`received ${formatTime(event.receivedAt)} · same incident, no new run`]),
    ],
  };
}

function resolvedMessage(event: SourceEvent): ChatMessage {
  const ends = event.alerts.map((a) => a.endsAt).find((e) => e !== undefined);
  return {
    text: `:white_check_mark: ${event.title} resolved`,
    blocks: [
      section(':white_check_mark: *Resolved*'),
      context([`resolved ${formatTime(ends ?? event.receivedAt)}`]),
    ],
  };
}

export function createAlertThreadNotifier(deps: AlertThreadNotifierDeps): AlertThreadNotifier {
  const ledger = createMessageLedger(deps.redis, deps.clock, deps.ledger);

  const threads = async (key: string): Promise<[string, PostedMessage][]> => {
    const all = await deps.redis.hgetall(key);
    return Object.entries(all)
      .filter(([field]) => field.startsWith(threadFieldPrefix) && !field.endsWith('~claim'))
      .map(([field, raw]) => [
        field.slice(threadFieldPrefix.length),
        JSON.parse(raw) as PostedMessage,
      ]);
  };

  const replyOnce = async (
    key: string,
    field: string,
    thread: PostedMessage,
    message: ChatMessage,
  ) => {
    const marker = markerOf(key, field, deps.prefix);
    await ledger.once(
      { key, field },
      {
        find: async () => {
          const ts = await deps.chat.findMarked(thread.channel, marker, { thread: thread.ts });
          return ts === undefined ? undefined : { channel: thread.channel, ts };
        },
        post: () => deps.chat.post(thread.channel, message, { thread: thread.ts, marker }),
      },
    );
  };

  return {
    async refired(event, occurrences) {
      const key = alertGroupKey(deps.prefix, event.fingerprint);
      const view = { status: 'firing' as const, occurrences };
      const parent = { text: alertText(event, view), attachments: alertAttachments(event, view) };
      for (const [channel, thread] of await threads(key)) {
        // The parent counts the firings (and shows the group firing again after a resolution).
        if (await isNewer(deps, key, channel, event.receivedAt))
          await deps.chat.update(thread.channel, thread.ts, parent);
        await replyOnce(
          key,
          `refire:${occurrences}@${channel}`,
          thread,
          refireMessage(event, occurrences),
        );
      }
    },
    async resolved(event) {
      const key = alertGroupKey(deps.prefix, event.fingerprint);
      const view = { status: 'resolved' as const };
      const parent = { text: alertText(event, view), attachments: alertAttachments(event, view) };
      const ends =
        event.alerts.map((a) => a.endsAt).find((e) => e !== undefined) ?? event.receivedAt;
      for (const [channel, thread] of await threads(key)) {
        if (await isNewer(deps, key, channel, event.receivedAt))
          await deps.chat.update(thread.channel, thread.ts, parent);
        await replyOnce(key, `resolved:${ends}@${channel}`, thread, resolvedMessage(event));
      }
    },
  };
}
