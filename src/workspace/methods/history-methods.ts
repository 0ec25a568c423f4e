// conversations.history and conversations.replies: what the bot reads back to find a
// message it already posted (idempotent posts) and a thread's replies.
import { z } from 'zod';
import { boolField, intField, parseArgs, platformError, tsField } from '../arg-schemas.ts';
import type { JsonObject } from '../json.ts';
import { postedMessage } from '../wire-format.ts';
import type { StoredMessage } from '../workspace-types.ts';
import type { MethodContext, MethodSpec } from './method-types.ts';

const windowArgs = {
  channel: z.string().min(1),
  oldest: tsField.optional(),
  latest: tsField.optional(),
  inclusive: boolField.optional(),
  limit: intField.min(1).max(999).optional(),
  include_all_metadata: boolField.optional(),
};

const historyArgs = z.looseObject(windowArgs);
const repliesArgs = z.looseObject({ ...windowArgs, ts: tsField });

type Window = z.infer<typeof historyArgs>;

function inWindow(message: StoredMessage, args: Window): boolean {
  const ts = Number(message.ts);
  const inclusive = args.inclusive === true;
  const afterOldest =
    args.oldest === undefined || (inclusive ? ts >= Number(args.oldest) : ts > Number(args.oldest));
  const beforeLatest =
    args.latest === undefined || (inclusive ? ts <= Number(args.latest) : ts < Number(args.latest));
  return afterOldest && beforeLatest;
}

function wire(message: StoredMessage, args: Window, ctx: MethodContext, replies = 0): JsonObject {
  const { metadata, ...rest } = postedMessage(message, ctx.identity);
  return {
    ...rest,
    ...(args.include_all_metadata === true && metadata !== undefined && { metadata }),
    ...(replies > 0 && { thread_ts: message.ts, reply_count: replies }),
  };
}

function page(messages: JsonObject[], limit: number | undefined): JsonObject {
  const kept = messages.slice(0, limit ?? 100);
  return {
    ok: true,
    messages: kept,
    has_more: kept.length < messages.length,
    pin_count: 0,
    response_metadata: { next_cursor: '' },
  };
}

function readable(ctx: MethodContext, id: string): string | JsonObject {
  const channel = ctx.workspace.channel(id);
  if (channel === undefined || (channel.isPrivate && !channel.isMember)) {
    return platformError('channel_not_found');
  }
  if (!channel.isMember) return platformError('not_in_channel');
  return channel.id;
}

function history(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(historyArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const channel = readable(ctx, args.channel);
  if (typeof channel !== 'string') return channel;
  const all = ctx.workspace.messages(channel);
  const count = (ts: string) => all.filter((m) => m.threadTs === ts).length;
  const top = all
    .filter((m) => (m.threadTs === undefined || m.replyBroadcast === true) && inWindow(m, args))
    .reverse()
    .map((m) => wire(m, args, ctx, count(m.ts)));
  return page(top, args.limit);
}

function replies(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(repliesArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const channel = readable(ctx, args.channel);
  if (typeof channel !== 'string') return channel;
  const { parent, replies: thread } = ctx.workspace.thread(channel, args.ts);
  if (parent === undefined) return platformError('thread_not_found');
  const messages = [
    wire(parent, args, ctx, thread.length),
    ...thread.filter((m) => inWindow(m, args)).map((m) => wire(m, args, ctx)),
  ];
  return page(messages, args.limit);
}

export const historyMethods: Readonly<Record<string, MethodSpec>> = {
  'conversations.history': { handler: history, scope: 'channels:history' },
  'conversations.replies': { handler: replies, scope: 'channels:history' },
};
