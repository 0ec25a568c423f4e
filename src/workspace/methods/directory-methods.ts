// auth.test, users.info, usergroups.users.list, conversations.info.
import { z } from 'zod';
import { parseArgs, platformError } from '../arg-schemas.ts';
import type { JsonObject } from '../json.ts';
import { renderChannel, renderUser } from '../wire-directory.ts';
import type { MethodContext, MethodSpec } from './method-types.ts';

function authTest(_raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const { team, bot } = ctx.identity;
  return {
    ok: true,
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  };
}

const usersInfoArgs = z.looseObject({ user: z.string().min(1) });

function usersInfo(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(usersInfoArgs, raw);
  if (!parsed.ok) return parsed.body;
  const user = ctx.workspace.user(parsed.data.user);
  if (user === undefined) return platformError('user_not_found');
  return { ok: true, user: renderUser(user, ctx.identity, Math.floor(ctx.now() / 1000)) };
}

const usergroupUsersArgs = z.looseObject({ usergroup: z.string().min(1) });

function usergroupUsers(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(usergroupUsersArgs, raw);
  if (!parsed.ok) return parsed.body;
  const group = ctx.workspace.usergroup(parsed.data.usergroup);
  if (group === undefined) return platformError('no_such_subteam');
  return { ok: true, users: [...group.users] };
}

const conversationsInfoArgs = z.looseObject({ channel: z.string().min(1) });

function conversationsInfo(raw: Record<string, unknown>, ctx: MethodContext): JsonObject {
  const parsed = parseArgs(conversationsInfoArgs, raw);
  if (!parsed.ok) return parsed.body;
  const channel = ctx.workspace.channel(parsed.data.channel);
  // A private channel the bot is not in does not exist, as far as the bot can tell.
  if (channel === undefined || (channel.isPrivate && !channel.isMember)) {
    return platformError('channel_not_found');
  }
  const latest = ctx.workspace.messages(channel.id).at(-1)?.ts ?? `${channel.created}.000000`;
  return { ok: true, channel: renderChannel(channel, ctx.identity, latest) };
}

export const directoryMethods: Readonly<Record<string, MethodSpec>> = {
  'auth.test': { handler: authTest },
  'users.info': { handler: usersInfo, scope: 'users:read' },
  'usergroups.users.list': { handler: usergroupUsers, scope: 'usergroups:read' },
  'conversations.info': { handler: conversationsInfo, scope: 'channels:read' },
};
