// `punchingfist workspace [--port P] [--bot-url URL] [--signing-secret S] [--channel #name…]`:
// a local Slack workspace on loopback. Serves the Slack Web API
// subset the bot uses and a page showing channels and threads; what a person types or
// clicks there reaches the bot's Request URL as signed Slack requests.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  defaultWorkspace,
  type RunningWorkspace,
  type SeedChannel,
  startWorkspace,
  type WorkspaceServerOptions,
} from '../workspace/index.ts';

export interface WorkspaceIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the command should stop (Ctrl-C). */
  readonly untilStopped: () => Promise<void>;
}

export const DEFAULT_WORKSPACE_PORT = 3999;

const flags = z.object({
  port: z.coerce
    .number({ error: '--port: expected a number' })
    .int('--port: expected an integer')
    .min(0, '--port: 0..65535')
    .max(65_535, '--port: 0..65535')
    .default(DEFAULT_WORKSPACE_PORT),
  'bot-url': z.url({ error: '--bot-url: expected the bot’s http(s) Request URL' }).optional(),
  'signing-secret': z.string().min(1, '--signing-secret: must not be empty').optional(),
  'bot-token': z
    .string()
    .startsWith('xoxb-', '--bot-token: a bot token starts with xoxb-')
    .optional(),
  channel: z
    .array(z.string().regex(/^#?[a-z0-9_-]{1,80}$/, '--channel: a channel name like #alerts'))
    .default([]),
});

/** Channels named with --channel, beside the default ones (the bot is a member). */
function extraChannels(names: readonly string[]): SeedChannel[] {
  return names.map((raw, index) => {
    const name = raw.replace(/^#/, '');
    const id = `C1${name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 6)}${index}`;
    return { id, name };
  });
}

export function workspaceBanner(workspace: RunningWorkspace): string {
  const bot = workspace.botUrl();
  return [
    `Local Slack workspace: ${workspace.url}`,
    `  Web API:        ${workspace.apiUrl}`,
    `  bot token:      ${workspace.botToken}`,
    `  signing secret: ${workspace.signingSecret}`,
    bot === undefined
      ? '  bot:            none yet (restart with --bot-url http://127.0.0.1:8080/slack/events)'
      : `  bot:            ${bot}`,
    '',
    'Point the bot at it (HTTP mode):',
    `  SLACK_API_URL=${workspace.apiUrl} SLACK_BOT_TOKEN=${workspace.botToken} \\`,
    `  SLACK_SIGNING_SECRET=${workspace.signingSecret} npx punchingfist serve`,
    '',
  ].join('\n');
}

type Flags = z.infer<typeof flags>;

function serverOptions(options: Flags): WorkspaceServerOptions {
  const base = defaultWorkspace();
  const known = new Set((base.channels ?? []).map((c) => c.name));
  const added = extraChannels(options.channel.filter((c) => !known.has(c.replace(/^#/, ''))));
  return {
    ...defaultWorkspace({
      channels: [...(base.channels ?? []), ...added],
      ...(options['signing-secret'] !== undefined && { signingSecret: options['signing-secret'] }),
      ...(options['bot-token'] !== undefined && { botToken: options['bot-token'] }),
    }),
    port: options.port,
    ...(options['bot-url'] !== undefined && { botUrl: options['bot-url'] }),
  };
}

function parseFlags(args: string[]): { ok: true; flags: Flags } | { ok: false; error: string } {
  try {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        'bot-url': { type: 'string' },
        'signing-secret': { type: 'string' },
        'bot-token': { type: 'string' },
        channel: { type: 'string', multiple: true },
      },
    });
    const parsed = flags.safeParse(values);
    if (parsed.success) return { ok: true, flags: parsed.data };
    return { ok: false, error: parsed.error.issues.map((issue) => issue.message).join('\n') };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function workspaceCommand(args: string[], io: WorkspaceIo): Promise<number> {
  const parsed = parseFlags(args);
  if (!parsed.ok) {
    io.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const workspace = await startWorkspace(serverOptions(parsed.flags));
  io.stdout.write(workspaceBanner(workspace));
  await io.untilStopped();
  await workspace.close();
  return 0;
}
