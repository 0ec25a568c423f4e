// A real Bolt App in HTTP mode, receiving signed deliveries from the Slack fake and
// answering through the fake's Web API and response_urls.
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BoltHarness,
  createSlackFake,
  SAMPLE,
  type SlackFake,
  STALE_BY_SIX_MINUTES,
  sampleWorkspace,
  startBoltApp,
  type Tamper,
} from '../fakes/slack/index.ts';

let fake: SlackFake;
let bolt: BoltHarness | undefined;

beforeEach(async () => {
  fake = await createSlackFake(sampleWorkspace());
});

afterEach(async () => {
  await bolt?.stop();
  bolt = undefined;
  await fake.close();
});

/** An app that answers every mention in the mention's thread, counting listener runs. */
async function mentionApp(): Promise<{ url: string; runs: () => number }> {
  let runs = 0;
  bolt = await startBoltApp(fake, (app) => {
    app.event('app_mention', async ({ event, client }) => {
      runs += 1;
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        text: `On it: ${event.text}`,
      });
    });
  });
  return { url: bolt.url, runs: () => runs };
}

describe('Events API', () => {
  it('delivers a signed app_mention; the reply lands in the mention thread', async () => {
    const app = await mentionApp();

    const delivered = await fake.deliver.appMention({
      url: app.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: 'investigate pod/api-7f -n prod',
    });
    await fake.waitForCall((call) => call.method === 'chat.postMessage' && call.ok);

    expect(delivered.status).toBe(200);
    const { parent, replies } = fake.state.thread(SAMPLE.incidents, delivered.ts);
    expect(parent).toMatchObject({ user: SAMPLE.alice });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      user: fake.identity.bot.userId,
      text: `On it: <@${fake.identity.bot.userId}> investigate pod/api-7f -n prod`,
    });
    expect(fake.callsTo('auth.test').map((call) => call.token)).toEqual([SAMPLE.botToken]);
    expect(app.runs()).toBe(1);
  });

  const forgeries: Array<[string, Tamper]> = [
    ['a wrong signature', { badSignature: true }],
    ['a six-minute-old timestamp', STALE_BY_SIX_MINUTES],
    ['no signature header', { omitSignature: true }],
    ['no timestamp header', { omitTimestamp: true }],
  ];

  it.each(forgeries)(
    'rejects a delivery with %s and never runs the listener',
    async (_, tamper) => {
      const app = await mentionApp();

      const forged = await fake.deliver.appMention({
        url: app.url,
        user: SAMPLE.alice,
        channel: SAMPLE.incidents,
        text: 'forged',
        tamper,
      });
      // The same event, properly signed, does get through: the wiring is not the reason.
      const genuine = await fake.deliver.appMention({
        url: app.url,
        user: SAMPLE.alice,
        channel: SAMPLE.incidents,
        text: 'genuine',
      });
      await fake.waitForCall((call) => call.method === 'chat.postMessage' && call.ok);

      expect([forged.status, genuine.status]).toEqual([401, 200]);
      expect(app.runs()).toBe(1);
      expect(fake.state.thread(SAMPLE.incidents, forged.ts).replies).toEqual([]);
      expect(fake.state.thread(SAMPLE.incidents, genuine.ts).replies).toHaveLength(1);
    },
  );

  it('answers url_verification with the challenge', async () => {
    const app = await mentionApp();

    const answer = await fake.deliver.urlVerification({ url: app.url, challenge: 'c-3po' });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: 'c-3po' });
  });
});

describe('slash commands', () => {
  it('acks the command; respond() lands on the response_url', async () => {
    bolt = await startBoltApp(fake, (app) => {
      app.command('/punchingfist', async ({ command, ack, respond }) => {
        await ack();
        await respond({ response_type: 'ephemeral', text: `You asked for: ${command.text}` });
      });
    });

    const delivered = await fake.deliver.slashCommand({
      url: bolt.url,
      command: '/punchingfist',
      text: 'workflows',
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
    });
    const response = await fake.waitForResponse();

    expect(delivered.status).toBe(200);
    expect(response).toMatchObject({
      url: delivered.responseUrl,
      effect: 'ephemeral',
      body: { response_type: 'ephemeral', text: 'You asked for: workflows' },
    });
    expect(fake.state.ephemerals(SAMPLE.incidents)).toMatchObject([
      { user: SAMPLE.alice, text: 'You asked for: workflows', via: 'response_url' },
    ]);
  });
});

describe('interactivity', () => {
  it('delivers a block_actions click to app.action() with the button and the user', async () => {
    const client = new WebClient(SAMPLE.botToken, {
      slackApiUrl: fake.apiUrl,
      logLevel: LogLevel.ERROR,
    });
    const posted = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'Proposal: restart deployment/api',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Proposal: restart `deployment/api`' } },
        {
          type: 'actions',
          block_id: 'proposal-p1',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              value: 'p1',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
            {
              type: 'button',
              action_id: 'dismiss',
              value: 'p1',
              text: { type: 'plain_text', text: 'Dismiss' },
            },
          ],
        },
      ],
    });
    const ts = String(posted.ts);
    const clicks: Array<{
      actionId: string;
      value: string | undefined;
      user: string;
      blockId: string;
    }> = [];
    bolt = await startBoltApp(fake, (app) => {
      app.action<BlockAction<ButtonAction>>('approve', async ({ ack, action, body, respond }) => {
        await ack();
        clicks.push({
          actionId: action.action_id,
          value: action.value,
          user: body.user.id,
          blockId: action.block_id,
        });
        await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
      });
    });

    const clicked = await fake.deliver.blockAction({
      url: bolt.url,
      user: SAMPLE.bob,
      channel: SAMPLE.incidents,
      messageTs: ts,
      actionId: 'approve',
    });
    await fake.waitForResponse();

    expect(clicked.status).toBe(200);
    expect(clicks).toEqual([
      { actionId: 'approve', value: 'p1', user: SAMPLE.bob, blockId: 'proposal-p1' },
    ]);
    const message = fake.state.message(SAMPLE.incidents, ts);
    expect(message).toMatchObject({ text: `Approved by <@${SAMPLE.bob}>` });
    expect(message?.blocks).toBeUndefined();
    expect(fake.state.messages(SAMPLE.incidents)).toHaveLength(1);
  });
});
