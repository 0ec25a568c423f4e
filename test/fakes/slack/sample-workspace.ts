// A small seeded workspace most Slack tests can start from.
import type { WorkspaceOptions as SlackFakeOptions } from '../../../src/workspace/index.ts';

export const SAMPLE = {
  botToken: 'xoxb-fake-0000-punchingfist',
  alice: 'U0ALICE001',
  bob: 'U0BOB00002',
  incidents: 'C0INCIDENT',
  /** A public channel the bot has not joined. */
  lobby: 'C0LOBBY001',
  oncall: 'S0ONCALL01',
} as const;

export function sampleWorkspace(overrides: Partial<SlackFakeOptions> = {}): SlackFakeOptions {
  return {
    botToken: SAMPLE.botToken,
    signingSecret: 'sample-signing-secret',
    users: [
      { id: SAMPLE.alice, name: 'alice', realName: 'Alice Ops', email: 'alice@example.com' },
      { id: SAMPLE.bob, name: 'bob', realName: 'Bob Approver', isAdmin: true },
    ],
    channels: [
      { id: SAMPLE.incidents, name: 'incidents', topic: 'prod incidents' },
      { id: SAMPLE.lobby, name: 'lobby', isMember: false },
    ],
    usergroups: [{ id: SAMPLE.oncall, handle: 'oncall', users: [SAMPLE.bob] }],
    ...overrides,
  };
}
