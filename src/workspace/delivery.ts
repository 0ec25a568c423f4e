// Delivers signed requests to an app's Request URL exactly as Slack does: JSON Events API
// envelopes, form-encoded slash commands, and form-encoded `payload=` interactions.
import { findElement } from './block-elements.ts';
import type { IdSource } from './ids.ts';
import type { JsonObject } from './json.ts';
import {
  blockActionsPayload,
  eventEnvelope,
  slashCommandFields,
  userMessageEvent,
  VERIFICATION_TOKEN,
} from './payloads.ts';
import type { ResponseUrls } from './response-urls.ts';
import { signedHeaders, type Tamper } from './signing.ts';
import type { SeedUser, WorkspaceIdentity } from './workspace-options.ts';
import type { Workspace } from './workspace-state.ts';
import type { ChannelRecord } from './workspace-types.ts';

export interface DeliveryResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Target {
  /** The app's Request URL, e.g. `http://127.0.0.1:PORT/slack/events`. */
  url: string;
  tamper?: Tamper;
}

export interface UserMessageInput extends Target {
  user: string;
  channel: string;
  text: string;
  threadTs?: string;
}

export interface SlashCommandInput extends Target {
  command: string;
  text: string;
  user: string;
  channel: string;
}

export interface BlockActionInput extends Target {
  user: string;
  channel: string;
  /** The message holding the element; it must exist and contain `actionId`. */
  messageTs: string;
  actionId: string;
}

export interface Deliverer {
  appMention(
    input: UserMessageInput,
  ): Promise<DeliveryResult & { ts: string; payload: JsonObject }>;
  message(input: UserMessageInput): Promise<DeliveryResult & { ts: string; payload: JsonObject }>;
  urlVerification(input: Target & { challenge: string }): Promise<DeliveryResult>;
  slashCommand(
    input: SlashCommandInput,
  ): Promise<
    DeliveryResult & { responseUrl: string; triggerId: string; fields: Record<string, string> }
  >;
  blockAction(
    input: BlockActionInput,
  ): Promise<DeliveryResult & { responseUrl: string; payload: JsonObject }>;
}

export interface DeliveryDeps {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  ids: IdSource;
  now: () => number;
  responseUrls: ResponseUrls;
}

async function post(
  target: Target,
  contentType: string,
  body: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signedHeaders(deps.identity.signingSecret, deps.now(), body, target.tamper),
    },
    body,
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  };
}

function known(
  deps: DeliveryDeps,
  userId: string,
  channelId: string,
): { user: SeedUser; channel: ChannelRecord } {
  const user = deps.workspace.user(userId);
  const channel = deps.workspace.channel(channelId);
  if (user === undefined)
    throw new Error(`workspace: unknown user ${userId}; seed it in options.users`);
  if (channel === undefined)
    throw new Error(`workspace: unknown channel ${channelId}; seed it in options.channels`);
  return { user, channel };
}

export function createDeliverer(deps: DeliveryDeps): Deliverer {
  const { workspace, identity, ids } = deps;

  async function userMessage(type: 'message' | 'app_mention', input: UserMessageInput) {
    const { user, channel } = known(deps, input.user, input.channel);
    const mention = `<@${identity.bot.userId}>`;
    const text =
      type === 'app_mention' && !input.text.includes(mention)
        ? `${mention} ${input.text}`
        : input.text;
    const message = workspace.addMessage({
      channel: channel.id,
      user: user.id,
      text,
      clientMsgId: ids.clientMsgId(),
      ...(input.threadTs !== undefined && { threadTs: input.threadTs }),
    });
    const event = userMessageEvent(type, message, identity, ids.blockId());
    const payload = eventEnvelope(event, identity, ids, Math.floor(deps.now() / 1000));
    const result = await post(input, 'application/json', JSON.stringify(payload), deps);
    return { ...result, ts: message.ts, payload };
  }

  return {
    appMention: (input) => userMessage('app_mention', input),
    message: (input) => userMessage('message', input),
    urlVerification: (input) =>
      post(
        input,
        'application/json',
        JSON.stringify({
          token: VERIFICATION_TOKEN,
          challenge: input.challenge,
          type: 'url_verification',
        }),
        deps,
      ),
    async slashCommand(input) {
      const { user, channel } = known(deps, input.user, input.channel);
      const responseUrl = deps.responseUrls.mint({
        kind: 'command',
        channel: channel.id,
        user: user.id,
      });
      const triggerId = ids.triggerId();
      const fields = slashCommandFields(
        { command: input.command, text: input.text, user, channel, responseUrl, triggerId },
        identity,
      );
      const body = new URLSearchParams(fields).toString();
      const result = await post(input, 'application/x-www-form-urlencoded', body, deps);
      return { ...result, responseUrl, triggerId, fields };
    },
    async blockAction(input) {
      const { user, channel } = known(deps, input.user, input.channel);
      const message = workspace.message(channel.id, input.messageTs);
      const found = findElement(message?.blocks, input.actionId);
      if (message === undefined || found === undefined) {
        throw new Error(`workspace: no element ${input.actionId} in message ${input.messageTs}`);
      }
      const responseUrl = deps.responseUrls.mint({
        kind: 'block_actions',
        channel: channel.id,
        user: user.id,
        messageTs: message.ts,
      });
      const payload = blockActionsPayload(
        {
          user,
          channel,
          message,
          ...found,
          actionTs: workspace.nextTs(),
          responseUrl,
          triggerId: ids.triggerId(),
        },
        identity,
      );
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const result = await post(input, 'application/x-www-form-urlencoded', body, deps);
      return { ...result, responseUrl, payload };
    },
  };
}
