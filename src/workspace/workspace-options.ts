// What a workspace is seeded with, and the identity it answers as (the bot's).

export interface SeedUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  isAdmin?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface SeedChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot is in the channel; posting elsewhere answers `not_in_channel`. */
  isMember?: boolean;
  isArchived?: boolean;
  topic?: string;
  purpose?: string;
}

export interface SeedUsergroup {
  id: string;
  handle: string;
  users: readonly string[];
}

export interface WorkspaceTeam {
  id: string;
  domain: string;
  name: string;
}

export interface WorkspaceBot {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface WorkspaceOptions {
  /** The one bot token the workspace accepts; any other answers `invalid_auth`. */
  botToken: string;
  /** Secret the workspace signs deliveries with (Slack's "Signing Secret"). */
  signingSecret?: string;
  /** OAuth scopes granted to the bot; a method needing another answers `missing_scope`. */
  scopes?: readonly string[];
  team?: WorkspaceTeam;
  bot?: WorkspaceBot;
  users?: readonly SeedUser[];
  channels?: readonly SeedChannel[];
  usergroups?: readonly SeedUsergroup[];
  /** Milliseconds since the epoch; drives `ts` values and request timestamps. */
  clock?: () => number;
}

export interface WorkspaceIdentity {
  team: WorkspaceTeam;
  bot: WorkspaceBot;
  botToken: string;
  signingSecret: string;
  scopes: readonly string[];
}

export const DEFAULT_SCOPES: readonly string[] = [
  'app_mentions:read',
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'reactions:write',
  'usergroups:read',
  'users:read',
];

export function resolveIdentity(options: WorkspaceOptions): WorkspaceIdentity {
  return {
    team: options.team ?? {
      id: 'T0FAKE0001',
      domain: 'punchingfist-test',
      name: 'Punchingfist Test',
    },
    bot: options.bot ?? {
      userId: 'U0FAKEBOT1',
      botId: 'B0FAKEBOT1',
      appId: 'A0FAKEAPP1',
      name: 'punchingfist',
    },
    botToken: options.botToken,
    signingSecret: options.signingSecret ?? 'fake-signing-secret',
    scopes: options.scopes ?? DEFAULT_SCOPES,
  };
}
