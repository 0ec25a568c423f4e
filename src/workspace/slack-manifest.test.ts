// deploy/slack/manifest.yaml against the code: every Web API method the bot calls has its
// scope, every event and slash command it listens to is subscribed, interactivity is on
// for its buttons, and Socket Mode is the default. The scope of each method is the one the
// local workspace enforces (methods/method-table.ts), which mirrors Slack's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { METHODS } from './methods/method-table.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const manifestSchema = z.object({
  display_information: z.object({ name: z.string().min(1), description: z.string().max(140) }),
  features: z.object({
    bot_user: z.object({ display_name: z.string().min(1) }),
    slash_commands: z.array(
      z.object({ command: z.string().startsWith('/'), description: z.string() }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    socket_mode_enabled: z.boolean(),
  }),
});

/** Methods the SDK wraps: files.uploadV2 is getUploadURLExternal + completeUploadExternal. */
const WRAPPER_SCOPES: Readonly<Record<string, string>> = { 'files.uploadV2': 'files:write' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return path.endsWith(join('src', 'workspace')) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function matches(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** What the product's code (not the workspace, not tests) asks of Slack. */
function codeUses() {
  const source = sourceFiles(join(root, 'src'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const methods = new Set([
    ...matches(
      source,
      /\bclient\.((?:auth|chat|conversations|files|reactions|users|usergroups)\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g,
    ),
    ...matches(source, /\bcall\(\s*'([a-z]+\.[a-zA-Z.]+)'/g),
  ]);
  return {
    methods,
    events: new Set(matches(source, /\bapp\.event\(\s*'([a-z_]+)'/g)),
    commands: new Set(matches(source, /\bapp\.command\(\s*'(\/[a-z0-9_-]+)'/g)),
    actions: /\bapp\.action\b/.test(source),
  };
}

function scopeOf(method: string): string | undefined {
  return WRAPPER_SCOPES[method] ?? METHODS[method]?.scope;
}

const manifest = manifestSchema.parse(
  parse(readFileSync(join(root, 'deploy', 'slack', 'manifest.yaml'), 'utf8')),
);
const used = codeUses();

describe('the Slack app manifest', () => {
  it('grants the scope of every Web API method the code calls', () => {
    const granted = new Set(manifest.oauth_config.scopes.bot);
    const missing = [...used.methods].flatMap((method) => {
      const known = method in METHODS || method in WRAPPER_SCOPES;
      if (!known) return [`${method}: unknown to the workspace; add it and its scope`];
      const scope = scopeOf(method);
      return scope === undefined || granted.has(scope) ? [] : [`${method} needs ${scope}`];
    });
    expect(missing).toEqual([]);
  });

  it('subscribes to the events, the slash command and the buttons the bot listens to', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([...used.events, 'app_mention']),
    );
    expect(used.events.has('app_mention') || used.events.size === 0).toBe(true);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(
      expect.arrayContaining([...used.commands, '/punchingfist']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'commands', 'chat:write']),
    );
  });

  it('uses Socket Mode, so no public URL is needed', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('the scan sees the bot’s calls (it cannot pass by finding nothing)', () => {
    expect(used.methods).toContain('chat.postMessage');
    expect(used.methods).toContain('chat.update');
    expect(scopeOf('chat.postMessage')).toBe('chat:write');
  });
});
