// reactions.add
import { z } from 'zod';
import { parseArgs, platformError, tsField } from '../arg-schemas.ts';
import type { JsonObject } from '../json.ts';
import type { MethodContext, MethodSpec } from './method-types.ts';

const addArgs = z.looseObject({
  channel: z.string().min(1),
  timestamp: tsField,
  name: z.string().min(1),
});

function add(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(addArgs, raw);
  if (!parsed.ok) return parsed.body;
  const { channel, timestamp, name } = parsed.data;
  if (!/^[a-z0-9_+'-]+$/.test(name)) return platformError('invalid_name');
  const message = ctx.workspace.message(channel, timestamp);
  if (message === undefined) return platformError('message_not_found');
  const botUser = ctx.identity.bot.userId;
  const reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(botUser)) return platformError('already_reacted');
  if (reaction) reaction.users.push(botUser);
  else message.reactions.push({ name, users: [botUser] });
  ctx.workspace.changed();
  return { ok: true };
}

export const reactionMethods: Readonly<Record<string, MethodSpec>> = {
  'reactions.add': { handler: add, scope: 'reactions:write' },
};
