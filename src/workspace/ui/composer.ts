// What a person typed in the page becomes: a slash command, a mention of the bot (an
// app_mention event), or a plain message the bot never hears of.
import type { WorkspaceIdentity } from '../workspace-options.ts';

export type Typed =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'mention'; text: string }
  | { kind: 'message'; text: string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `/punchingfist runs` → command; `@punchingfist …` or `<@BOT> …` → mention. */
export function interpretTyped(raw: string, identity: WorkspaceIdentity): Typed {
  const text = raw.trim();
  const command = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i.exec(text);
  if (command?.[1]) return { kind: 'command', command: command[1], text: command[2] ?? '' };
  const mentionTag = `<@${identity.bot.userId}>`;
  const byName = new RegExp(`(^|\\s)@${escapeRegExp(identity.bot.name)}\\b`, 'gi');
  const tagged = text.replace(byName, (_, space: string) => `${space}${mentionTag}`);
  if (tagged.includes(mentionTag)) return { kind: 'mention', text: tagged };
  return { kind: 'message', text };
}
