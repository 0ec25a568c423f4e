// How Slack renders a stored message on the wire (chat.postMessage / chat.update answers,
// the `message` inside interaction payloads).

import type { JsonObject } from './json.ts';
import type { WorkspaceIdentity } from './workspace-options.ts';
import type { StoredMessage } from './workspace-types.ts';

const ICON_BASE = 'https://a.slack-edge.com/80588/img/plugins/app';

export function botProfile(identity: WorkspaceIdentity, updated: number): JsonObject {
  const { bot, team } = identity;
  return {
    id: bot.botId,
    app_id: bot.appId,
    name: bot.name,
    icons: {
      image_36: `${ICON_BASE}/bot_36.png`,
      image_48: `${ICON_BASE}/bot_48.png`,
      image_72: `${ICON_BASE}/service_72.png`,
    },
    deleted: false,
    updated,
    team_id: team.id,
  };
}

/** Slack answers text-only posts with a rich_text block carrying the same text. */
export function richTextBlocks(text: string, blockId: string): JsonObject[] {
  return [
    {
      type: 'rich_text',
      block_id: blockId,
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

function blocksOf(message: StoredMessage): JsonObject[] {
  return message.blocks ?? richTextBlocks(message.text, `t${message.ts.replace('.', '')}`);
}

function attachmentsOf(message: StoredMessage): JsonObject[] | undefined {
  return message.attachments?.map((attachment, index) => ({
    id: index + 1,
    ...(typeof attachment.text === 'string' && { fallback: attachment.text }),
    ...attachment,
  }));
}

function optionalParts(message: StoredMessage): JsonObject {
  const attachments = attachmentsOf(message);
  return {
    ...(attachments && { attachments }),
    ...(message.metadata && { metadata: { ...message.metadata } }),
  };
}

/** The `message` in a chat.postMessage answer. */
export function postedMessage(message: StoredMessage, identity: WorkspaceIdentity): JsonObject {
  const { bot, team } = identity;
  const thread: JsonObject = message.threadTs
    ? { thread_ts: message.threadTs, parent_user_id: message.parentUserId ?? message.user }
    : {};
  return {
    user: message.user,
    type: 'message',
    ts: message.ts,
    bot_id: message.botId ?? bot.botId,
    app_id: bot.appId,
    text: message.text,
    team: team.id,
    bot_profile: botProfile(identity, Math.floor(Number(message.ts))),
    ...thread,
    blocks: blocksOf(message),
    ...optionalParts(message),
  };
}

/** The `message` in a chat.update answer: no `ts`, an `edited` stamp. */
export function updatedMessage(message: StoredMessage, identity: WorkspaceIdentity): JsonObject {
  const {
    ts: _ts,
    thread_ts: _thread,
    parent_user_id: _parent,
    ...rest
  } = postedMessage(message, identity);
  return message.edited ? { ...rest, edited: { ...message.edited } } : rest;
}

/** The `message` inside a block_actions payload. */
export function interactionMessage(
  message: StoredMessage,
  identity: WorkspaceIdentity,
): JsonObject {
  const { bot_profile: _profile, ...rest } = postedMessage(message, identity);
  return rest;
}
