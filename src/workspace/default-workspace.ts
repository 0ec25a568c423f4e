// The workspace `punchingfist workspace` starts with: two people (one on call, in the
// approvers' group; one who is not), the channels the examples post to, and the bot.
import type { WorkspaceOptions } from './workspace-options.ts';

export const WORKSPACE_PEOPLE = {
  /** On call, member of @oncall: an approver under the examples' policies. */
  oncall: 'U0ONCALL01',
  /** A developer outside @oncall: may mention the bot, may not approve. */
  developer: 'U0DEVELOP2',
  oncallGroup: 'S0ONCALL01',
} as const;

export const DEFAULT_BOT_TOKEN = 'xoxb-local-workspace';
export const DEFAULT_SIGNING_SECRET = 'local-workspace-signing-secret';

export function defaultWorkspace(overrides: Partial<WorkspaceOptions> = {}): WorkspaceOptions {
  return {
    botToken: DEFAULT_BOT_TOKEN,
    signingSecret: DEFAULT_SIGNING_SECRET,
    team: { id: 'T0LOCAL001', domain: 'punchingfist-local', name: 'punchingfist (local)' },
    bot: { userId: 'U0PFBOT001', botId: 'B0PFBOT001', appId: 'A0PFAPP001', name: 'punchingfist' },
    users: [
      {
        id: WORKSPACE_PEOPLE.oncall,
        name: 'dana',
        realName: 'Dana (on call)',
        email: 'dana@example.com',
      },
      { id: WORKSPACE_PEOPLE.developer, name: 'sam', realName: 'Sam (developer)' },
    ],
    channels: [
      { id: 'C0INCIDENT', name: 'incidents', topic: 'Production incidents' },
      { id: 'C0ONCALL01', name: 'oncall', topic: 'Alerts and their investigations' },
      { id: 'C0PLATFORM', name: 'platform', topic: 'Ask the bot: @punchingfist investigate …' },
    ],
    usergroups: [
      { id: WORKSPACE_PEOPLE.oncallGroup, handle: 'oncall', users: [WORKSPACE_PEOPLE.oncall] },
    ],
    ...overrides,
  };
}
