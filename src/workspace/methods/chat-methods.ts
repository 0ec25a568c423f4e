// chat.postMessage, chat.update, chat.postEphemeral, chat.getPermalink.
import { z } from 'zod';
import {
  attachmentsField,
  blocksField,
  boolField,
  metadataField,
  parseArgs,
  platformError,
  tsField,
} from '../arg-schemas.ts';
import { normalizeBlocks } from '../block-kit.ts';
import type { JsonObject } from '../json.ts';
import { postedMessage, updatedMessage } from '../wire-format.ts';
import type { ChannelRecord, StoredMessage } from '../workspace-types.ts';
import type { MethodContext, MethodSpec } from './method-types.ts';

const MAX_TEXT = 40_000;

const content = {
  text: z.string().max(MAX_TEXT).optional(),
  blocks: blocksField.optional(),
  attachments: attachmentsField.optional(),
  metadata: metadataField.optional(),
};

const postMessageArgs = z.looseObject({
  channel: z.string().min(1),
  ...content,
  thread_ts: tsField.optional(),
  reply_broadcast: boolField.optional(),
});

const updateArgs = z.looseObject({ channel: z.string().min(1), ts: tsField, ...content });

const ephemeralArgs = z.looseObject({
  channel: z.string().min(1),
  user: z.string().min(1),
  ...content,
  thread_ts: tsField.optional(),
});

const permalinkArgs = z.looseObject({ channel: z.string().min(1), message_ts: tsField });

type Content = {
  text?: string | undefined;
  blocks?: unknown[] | undefined;
  attachments?: unknown[] | undefined;
};

function hasContent(args: Content): boolean {
  return (
    (args.text ?? '') !== '' ||
    (args.blocks?.length ?? 0) > 0 ||
    (args.attachments?.length ?? 0) > 0
  );
}

type Parsed = z.infer<typeof updateArgs>;

/** A posted or edited message's blocks (given block ids, as Slack does), attachments and metadata, where sent. */
function richContent(
  args: Pick<Parsed, 'blocks' | 'attachments' | 'metadata'>,
  ctx: MethodContext,
) {
  return {
    ...(args.blocks && { blocks: normalizeBlocks(args.blocks, ctx.ids) }),
    ...(args.attachments && { attachments: args.attachments }),
    ...(args.metadata && { metadata: args.metadata }),
  };
}

function writableChannel(ctx: MethodContext, id: string): ChannelRecord | JsonObject {
  const channel = ctx.workspace.channel(id);
  if (channel === undefined) return platformError('channel_not_found');
  if (channel.isArchived) return platformError('is_archived');
  if (!channel.isMember) return platformError('not_in_channel');
  return channel;
}

function isChannel(value: ChannelRecord | JsonObject): value is ChannelRecord {
  return 'isMember' in value;
}

/** Slack files a reply to a reply under the thread's parent. */
function threadRoot(ctx: MethodContext, channel: string, threadTs: string): string {
  return ctx.workspace.message(channel, threadTs)?.threadTs ?? threadTs;
}

function postMessage(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(postMessageArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const channel = writableChannel(ctx, args.channel);
  if (!isChannel(channel)) return channel;
  if (!hasContent(args)) return platformError('no_text');
  const { bot } = ctx.identity;
  const message = ctx.workspace.addMessage({
    channel: channel.id,
    user: bot.userId,
    botId: bot.botId,
    text: args.text ?? '',
    ...richContent(args, ctx),
    ...(args.thread_ts !== undefined && { threadTs: threadRoot(ctx, channel.id, args.thread_ts) }),
    ...(args.reply_broadcast !== undefined && { replyBroadcast: args.reply_broadcast }),
  });
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    message: postedMessage(message, ctx.identity),
  };
}

function update(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(updateArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const channel = ctx.workspace.channel(args.channel);
  if (channel === undefined) return platformError('channel_not_found');
  const target = ctx.workspace.message(channel.id, args.ts);
  if (target === undefined) return platformError('message_not_found');
  if (target.botId !== ctx.identity.bot.botId) return platformError('cant_update_message');
  if (!hasContent(args) && !hasContent(target)) return platformError('no_text');
  const edited: StoredMessage = ctx.workspace.editMessage(
    target,
    {
      ...(args.text !== undefined && { text: args.text }),
      ...richContent(args, ctx),
    },
    ctx.identity.bot.botId,
  );
  return {
    ok: true,
    channel: channel.id,
    ts: edited.ts,
    text: edited.text,
    message: updatedMessage(edited, ctx.identity),
  };
}

function postEphemeral(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(ephemeralArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const channel = writableChannel(ctx, args.channel);
  if (!isChannel(channel)) return channel;
  if (ctx.workspace.user(args.user) === undefined) return platformError('user_not_in_channel');
  if (!hasContent(args)) return platformError('no_text');
  const ephemeral = ctx.workspace.addEphemeral({
    channel: channel.id,
    user: args.user,
    text: args.text ?? '',
    via: 'chat.postEphemeral',
    ...(args.blocks && { blocks: args.blocks }),
    ...(args.attachments && { attachments: args.attachments }),
    ...(args.thread_ts !== undefined && { threadTs: args.thread_ts }),
  });
  return { ok: true, message_ts: ephemeral.ts };
}

function getPermalink(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(permalinkArgs, raw);
  if (!parsed.ok) return parsed.body;
  const { channel, message_ts } = parsed.data;
  const message = ctx.workspace.message(channel, message_ts);
  if (message === undefined) return platformError('message_not_found');
  const base = `https://${ctx.identity.team.domain}.slack.com/archives/${channel}/p${message_ts.replace('.', '')}`;
  const query = message.threadTs ? `?thread_ts=${message.threadTs}&cid=${channel}` : '';
  return { ok: true, channel, permalink: `${base}${query}` };
}

export const chatMethods: Readonly<Record<string, MethodSpec>> = {
  'chat.postMessage': { handler: postMessage, scope: 'chat:write' },
  'chat.update': { handler: update, scope: 'chat:write' },
  'chat.postEphemeral': { handler: postEphemeral, scope: 'chat:write' },
  'chat.getPermalink': { handler: getPermalink },
};
