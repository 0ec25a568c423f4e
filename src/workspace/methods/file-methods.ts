// files.getUploadURLExternal and files.completeUploadExternal: the two Web API halves of
// files.uploadV2. The bytes go in between to the upload URL (see upload-endpoint.ts).
import { z } from 'zod';
import {
  blocksField,
  intField,
  jsonField,
  parseArgs,
  platformError,
  tsField,
} from '../arg-schemas.ts';
import { normalizeBlocks } from '../block-kit.ts';
import type { JsonObject } from '../json.ts';
import type { StoredFile } from '../workspace-types.ts';
import type { MethodContext, MethodSpec } from './method-types.ts';

export const UPLOAD_PATH = '/upload/v1/';

const getUploadUrlArgs = z.looseObject({
  filename: z.string().min(1),
  length: intField.positive(),
  alt_text: z.string().optional(),
  snippet_type: z.string().optional(),
});

function getUploadUrl(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(getUploadUrlArgs, raw);
  if (!parsed.ok) return parsed.body;
  const { filename, length, alt_text, snippet_type } = parsed.data;
  const file = ctx.workspace.addFile({
    filename,
    title: filename,
    declaredLength: length,
    ...(alt_text !== undefined && { altText: alt_text }),
    ...(snippet_type !== undefined && { snippetType: snippet_type }),
  });
  return { ok: true, upload_url: `${ctx.baseUrl}${UPLOAD_PATH}${file.id}`, file_id: file.id };
}

const completeArgs = z.looseObject({
  files: jsonField(
    z.array(z.object({ id: z.string().min(1), title: z.string().optional() })).min(1),
  ),
  channel_id: z.string().min(1).optional(),
  channels: z.string().min(1).optional(),
  thread_ts: tsField.optional(),
  initial_comment: z.string().optional(),
  blocks: blocksField.optional(),
});

type CompleteArgs = z.infer<typeof completeArgs>;

function complete(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(completeArgs, raw);
  if (!parsed.ok) return parsed.body;
  const args = parsed.data;
  const files: StoredFile[] = [];
  for (const entry of args.files) {
    const file = ctx.workspace.file(entry.id);
    if (file === undefined || file.bytes === undefined) return platformError('file_not_found');
    files.push(file);
  }
  const channelId = args.channel_id ?? args.channels;
  if (channelId !== undefined) {
    const shared = share(files, channelId, args, ctx);
    if (shared !== undefined) return shared;
  }
  for (const [index, file] of files.entries()) {
    file.completed = true;
    file.title = args.files[index]?.title ?? file.title;
  }
  return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) };
}

/** Posts the files into the channel (or thread) as one bot message; an error body on failure. */
function share(
  files: StoredFile[],
  channelId: string,
  args: CompleteArgs,
  ctx: MethodContext,
): JsonObject | undefined {
  const channel = ctx.workspace.channel(channelId);
  if (channel === undefined) return platformError('channel_not_found');
  if (!channel.isMember) return platformError('not_in_channel');
  const { bot } = ctx.identity;
  const message = ctx.workspace.addMessage({
    channel: channel.id,
    user: bot.userId,
    botId: bot.botId,
    text: args.initial_comment ?? '',
    fileIds: files.map((file) => file.id),
    ...(args.blocks && { blocks: normalizeBlocks(args.blocks, ctx.ids) }),
    ...(args.thread_ts !== undefined && { threadTs: args.thread_ts }),
  });
  for (const file of files) {
    file.shares.push({
      channel: channel.id,
      ts: message.ts,
      ...(message.threadTs !== undefined && { threadTs: message.threadTs }),
    });
  }
  return undefined;
}

export const fileMethods: Readonly<Record<string, MethodSpec>> = {
  'files.getUploadURLExternal': { handler: getUploadUrl, scope: 'files:write' },
  'files.completeUploadExternal': { handler: complete, scope: 'files:write' },
};
