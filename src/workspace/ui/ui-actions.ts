// What the page's composer and buttons do: deliver, signed, to the bot's Request URL as
// Slack would (app_mention event, slash command, block_actions), and report the outcome.
import { z } from 'zod';
import { findElement } from '../block-elements.ts';
import type { Deliverer, DeliveryResult } from '../delivery.ts';
import type { JsonObject } from '../json.ts';
import type { WorkspaceIdentity } from '../workspace-options.ts';
import type { Workspace } from '../workspace-state.ts';
import { interpretTyped } from './composer.ts';

export interface UiActionDeps {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  deliver: Deliverer;
  botUrl: () => string | undefined;
}

export interface PostInput {
  channel: string;
  user: string;
  text: string;
  threadTs?: string | undefined;
}

export interface ClickInput {
  channel: string;
  user: string;
  ts: string;
  actionId: string;
}

export interface UiAnswer {
  status: number;
  error?: string;
  /** What happened: `posted`, `app_mention`, `slash_command`, `block_actions`. */
  delivered?: string;
}

const immediateResponse = z.object({
  text: z.string().optional(),
  blocks: z.array(z.record(z.string(), z.json())).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
});

const NO_BOT: UiAnswer = {
  status: 409,
  error: 'No bot connected: start the workspace with --bot-url <the bot’s /slack/events URL>',
};

function botAnswer(result: DeliveryResult, delivered: string): UiAnswer {
  if (result.status < 300) return { status: 200, delivered };
  return {
    status: 502,
    error: `The bot answered HTTP ${result.status}: ${result.body.slice(0, 200)}`,
  };
}

function unreachable(url: string, error: unknown): UiAnswer {
  const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
  return { status: 502, error: `Could not reach the bot at ${url}: ${reason}` };
}

/** A slash command's synchronous answer (Bolt's `ack(...)`), shown as Slack would. */
function parseImmediate(body: string): { text: string; blocks?: JsonObject[] } | undefined {
  if (body.trim() === '') return undefined;
  try {
    const parsed = immediateResponse.safeParse(JSON.parse(body) as unknown);
    if (!parsed.success) return undefined;
    const { text, blocks } = parsed.data;
    return { text: text ?? '', ...(blocks && { blocks: blocks as JsonObject[] }) };
  } catch {
    return { text: body };
  }
}

export function createUiActions(deps: UiActionDeps) {
  const { workspace, deliver } = deps;

  function unknown(input: { channel: string; user: string }): UiAnswer | undefined {
    if (workspace.channel(input.channel) === undefined) {
      return { status: 400, error: `channel: no channel ${input.channel}` };
    }
    if (workspace.user(input.user) === undefined) {
      return { status: 400, error: `user: no user ${input.user}` };
    }
    return undefined;
  }

  async function command(input: PostInput, url: string, name: string, text: string) {
    const result = await deliver.slashCommand({
      url,
      command: name,
      text,
      user: input.user,
      channel: input.channel,
    });
    const immediate = result.status < 300 ? parseImmediate(result.body) : undefined;
    if (immediate !== undefined) {
      workspace.addEphemeral({
        channel: input.channel,
        user: input.user,
        via: 'response_url',
        ...immediate,
      });
    }
    return botAnswer(result, 'slash_command');
  }

  async function deliverTyped(input: PostInput, url: string): Promise<UiAnswer> {
    const typed = interpretTyped(input.text, deps.identity);
    if (typed.kind === 'command') return command(input, url, typed.command, typed.text);
    const result = await deliver.appMention({
      url,
      user: input.user,
      channel: input.channel,
      text: typed.text,
      ...(input.threadTs !== undefined && { threadTs: input.threadTs }),
    });
    return botAnswer(result, 'app_mention');
  }

  return {
    async post(input: PostInput): Promise<UiAnswer> {
      const bad = unknown(input);
      if (bad !== undefined) return bad;
      if (interpretTyped(input.text, deps.identity).kind === 'message') {
        workspace.addMessage({
          channel: input.channel,
          user: input.user,
          text: input.text,
          ...(input.threadTs !== undefined && { threadTs: input.threadTs }),
        });
        return { status: 200, delivered: 'posted' };
      }
      const url = deps.botUrl();
      if (url === undefined) return NO_BOT;
      return deliverTyped(input, url).catch((error: unknown) => unreachable(url, error));
    },
    async click(input: ClickInput): Promise<UiAnswer> {
      const bad = unknown(input);
      if (bad !== undefined) return bad;
      const url = deps.botUrl();
      if (url === undefined) return NO_BOT;
      const message = workspace.message(input.channel, input.ts);
      if (message === undefined) return { status: 400, error: `ts: no message ${input.ts}` };
      if (findElement(message.blocks, input.actionId) === undefined) {
        return { status: 400, error: `actionId: no button ${input.actionId} in that message` };
      }
      try {
        const result = await deliver.blockAction({
          url,
          user: input.user,
          channel: input.channel,
          messageTs: input.ts,
          actionId: input.actionId,
        });
        return botAnswer(result, 'block_actions');
      } catch (error) {
        return unreachable(url, error);
      }
    },
  };
}
