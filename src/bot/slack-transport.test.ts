import { describe, expect, it } from 'vitest';
import { slackTransport } from './slack-transport.ts';

describe('slackTransport', () => {
  it('picks Socket Mode when the app token is set, even with a signing secret', () => {
    expect(
      slackTransport({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_SIGNING_SECRET: 's',
      }),
    ).toEqual({ ok: true, botToken: 'xoxb-1', transport: { mode: 'socket', appToken: 'xapp-1' } });
  });

  it('picks HTTP mode with only the signing secret', () => {
    expect(slackTransport({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual({
      ok: true,
      botToken: 'xoxb-1',
      transport: { mode: 'http', signingSecret: 's' },
    });
  });

  it('runs no bot without a bot token, or without a way to receive events, and says why', () => {
    expect(slackTransport({ SLACK_SIGNING_SECRET: 's' })).toEqual({
      ok: false,
      reason: 'SLACK_BOT_TOKEN is not set',
    });
    expect(slackTransport({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('neither SLACK_APP_TOKEN'),
    });
  });
});
