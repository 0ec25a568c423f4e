import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from '../../src/wiring/serve.ts';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';

/**
 * `punchingfist serve` with SLACK_* set: the bot's HTTP mode is mounted on
 * the one server at /slack/events, verifies signatures with
 * SLACK_SIGNING_SECRET and talks to the Web API at SLACK_API_URL. (Only
 * refusals and help here: serve's Redis prefix is shared, so nothing is
 * enqueued; enqueueing is tested in slack-bot.test.ts.)
 */
const env = inject('testenv');
let fake: SlackFake;
let running: Awaited<ReturnType<typeof serve>>;
let url: string;

beforeAll(async () => {
  fake = await createSlackFake(sampleWorkspace());
  running = await serve(
    {
      KUBECONFIG: env.KUBECONFIG,
      REDIS_URL: env.REDIS_URL,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: fake.signingSecret,
      SLACK_API_URL: fake.apiUrl,
    },
    { role: 'ingest', configDir: path.resolve('examples') },
  );
  url = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await fake?.close();
});

describe('serve with Slack in HTTP mode', () => {
  it('answers a mention in a channel no Source lists, through SLACK_API_URL', async () => {
    const delivered = await fake.deliver.appMention({
      url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: 'investigate deployment/checkout -n shop',
    });
    await fake.waitForCall((c) => c.method === 'chat.postEphemeral' && c.ok);

    expect(delivered.status).toBe(200);
    expect(fake.state.ephemerals(SAMPLE.incidents)).toMatchObject([
      { user: SAMPLE.alice, text: expect.stringContaining('not set up for punchingfist') },
    ]);
  });

  it('answers /punchingfist help, and refuses an unsigned request with 401', async () => {
    const delivered = await fake.deliver.slashCommand({
      url,
      command: '/punchingfist',
      text: 'help',
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
    });
    const response = await fake.waitForResponse((r) => r.url === delivered.responseUrl);
    expect(response.body).toMatchObject({
      text: expect.stringContaining('/punchingfist workflows'),
    });

    const forged = await fake.deliver.slashCommand({
      url,
      command: '/punchingfist',
      text: 'help',
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      tamper: { omitSignature: true },
    });
    expect(forged.status).toBe(401);
  });
});
