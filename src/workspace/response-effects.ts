// What a post to a response_url does to the workspace, as Slack applies it.
import { normalizeBlocks } from './block-kit.ts';
import type { IdSource } from './ids.ts';
import type { ResponseBody, ResponseEffect, ResponseUrlSource } from './response-urls.ts';
import type { WorkspaceIdentity } from './workspace-options.ts';
import type { Workspace } from './workspace-state.ts';
import type { MessageContent } from './workspace-types.ts';

export interface EffectDeps {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  ids: IdSource;
}

function contentOf(body: ResponseBody, ids: IdSource): MessageContent {
  return {
    text: body.text ?? '',
    ...(body.blocks && { blocks: normalizeBlocks(body.blocks, ids) }),
    ...(body.attachments && { attachments: body.attachments }),
  };
}

export function applyResponse(
  { workspace, identity, ids }: EffectDeps,
  source: ResponseUrlSource,
  body: ResponseBody,
): ResponseEffect {
  const original =
    source.messageTs === undefined
      ? undefined
      : workspace.message(source.channel, source.messageTs);
  const content = contentOf(body, ids);
  if (original && body.delete_original === true) {
    workspace.deleteMessage(original);
    return 'deleted';
  }
  if (original && body.replace_original === true) {
    // A replacement is a whole new message: blocks not sent are gone.
    workspace.editMessage(
      original,
      { ...content, blocks: content.blocks ?? null },
      identity.bot.botId,
    );
    return 'replaced';
  }
  const threadTs = body.thread_ts ?? original?.threadTs;
  const thread = threadTs === undefined ? {} : { threadTs };
  if (body.response_type === 'in_channel') {
    const { bot } = identity;
    workspace.addMessage({
      channel: source.channel,
      user: bot.userId,
      botId: bot.botId,
      ...content,
      ...thread,
    });
    return 'in_channel';
  }
  workspace.addEphemeral({
    channel: source.channel,
    user: source.user,
    via: 'response_url',
    ...content,
    ...thread,
  });
  return 'ephemeral';
}
