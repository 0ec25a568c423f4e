// What Slack sends to an app: Events API envelopes, slash-command forms, and
// block_actions payloads, built from the workspace's state.

import type { IdSource } from './ids.ts';
import type { JsonObject } from './json.ts';
import { interactionMessage } from './wire-format.ts';
import type { SeedUser, WorkspaceIdentity } from './workspace-options.ts';
import type { ChannelRecord, StoredMessage } from './workspace-types.ts';

/** The deprecated verification token Slack still includes in every payload. */
export const VERIFICATION_TOKEN = 'fakeVerificationToken000';

export function eventEnvelope(
  event: JsonObject,
  identity: WorkspaceIdentity,
  ids: IdSource,
  eventTime: number,
): JsonObject {
  const { team, bot } = identity;
  return {
    token: VERIFICATION_TOKEN,
    team_id: team.id,
    api_app_id: bot.appId,
    event,
    type: 'event_callback',
    event_id: ids.next('Ev'),
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${ids.next('ctx')}`,
  };
}

/** Splits `<@U123> text` into rich_text elements the way Slack's client does. */
function richText(text: string): JsonObject[] {
  const elements: JsonObject[] = text
    .split(/(<@[A-Z0-9]+>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const mention = /^<@([A-Z0-9]+)>$/.exec(part);
      return mention?.[1] ? { type: 'user', user_id: mention[1] } : { type: 'text', text: part };
    });
  return [{ type: 'rich_text_section', elements }];
}

/** A user's message as the `event` of a `message` or `app_mention` callback. */
export function userMessageEvent(
  type: 'message' | 'app_mention',
  message: StoredMessage,
  identity: WorkspaceIdentity,
  blockId: string,
): JsonObject {
  return {
    client_msg_id: message.clientMsgId ?? '',
    type,
    text: message.text,
    user: message.user,
    ts: message.ts,
    team: identity.team.id,
    ...(message.threadTs !== undefined && {
      thread_ts: message.threadTs,
      parent_user_id: message.parentUserId ?? message.user,
    }),
    blocks: [{ type: 'rich_text', block_id: blockId, elements: richText(message.text) }],
    channel: message.channel,
    event_ts: message.ts,
    ...(type === 'message' && { channel_type: 'channel' }),
  };
}

export interface CommandInput {
  command: string;
  text: string;
  user: SeedUser;
  channel: ChannelRecord;
  responseUrl: string;
  triggerId: string;
}

/** Slash-command fields, in the order Slack sends them form-encoded. */
export function slashCommandFields(
  input: CommandInput,
  identity: WorkspaceIdentity,
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: identity.team.id,
    team_domain: identity.team.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: identity.bot.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

export interface BlockActionInput {
  user: SeedUser;
  channel: ChannelRecord;
  message: StoredMessage;
  /** The clicked element, as it appears in the message's blocks. */
  element: JsonObject;
  blockId: string;
  actionTs: string;
  responseUrl: string;
  triggerId: string;
}

export function blockActionsPayload(
  input: BlockActionInput,
  identity: WorkspaceIdentity,
): JsonObject {
  const { team } = identity;
  const { message } = input;
  return {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: team.id },
    api_app_id: identity.bot.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: input.channel.id,
      is_ephemeral: false,
      ...(message.threadTs !== undefined && { thread_ts: message.threadTs }),
    },
    trigger_id: input.triggerId,
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel.id, name: input.channel.name },
    message: interactionMessage(message, identity),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [{ ...actionOf(input.element), block_id: input.blockId, action_ts: input.actionTs }],
  };
}

function actionOf(element: JsonObject): JsonObject {
  const { action_id, text, value, type, style } = element;
  return {
    action_id: action_id ?? null,
    ...(text !== undefined && { text }),
    ...(value !== undefined && { value }),
    ...(style !== undefined && { style }),
    type: type ?? 'button',
  };
}
