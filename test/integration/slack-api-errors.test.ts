// punchingfist_slack_api_errors_total{method, error}: the faults of the Slack fake, through
// the real WebClient with the app's retry policy, as the thread sink makes its calls.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CountingWebClient,
  createSlackApiErrors,
} from '../../src/adapters/slack/slack-api-errors.ts';
import { createSlackChat, type SlackChat } from '../../src/adapters/slack/slack-chat.ts';
import { slackClientOptions } from '../../src/adapters/slack/slack-client-options.ts';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';

let fake: SlackFake;
let registry: Registry;
let chat: SlackChat;

async function errorsCounted(): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('punchingfist_slack_api_errors_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [`${v.labels.method} ${v.labels.error}`, v.value]),
  );
}

beforeAll(async () => {
  fake = await createSlackFake(sampleWorkspace());
  registry = new Registry();
  const logger = pino({ level: 'silent' });
  const client = new CountingWebClient(
    fake.botToken,
    slackClientOptions({ apiUrl: fake.apiUrl, logger, minTimeoutMs: 10, retries: 2 }),
    createSlackApiErrors(registry),
  );
  chat = createSlackChat(client);
});

afterAll(async () => {
  await fake?.close();
});

describe('Slack API errors metric', () => {
  it('counts each 429 of a storm, while the retried post still lands once', async () => {
    fake.failNext({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 0 });
    fake.failNext({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 0 });
    const posted = await chat.post(SAMPLE.incidents, { text: 'storm' }, { marker: 'm-storm' });

    expect(fake.state.messages(SAMPLE.incidents).filter((m) => m.text === 'storm')).toHaveLength(1);
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    expect(await errorsCounted()).toEqual({ 'chat.postMessage ratelimited': 2 });
  });

  it('counts a platform error and a 5xx that outlasts the retries, by method and error', async () => {
    fake.failNext({ method: 'chat.update', status: 200, error: 'channel_not_found' });
    await expect(chat.update(SAMPLE.incidents, '1.000001', { text: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    fake.failEvery(1, { method: 'conversations.replies', status: 503 });
    await expect(
      chat.findMarked(SAMPLE.incidents, 'm', { thread: '1.000001' }),
    ).rejects.toMatchObject({ code: 'upstream_unavailable' });
    fake.clearFaults();

    expect(await errorsCounted()).toEqual({
      'chat.postMessage ratelimited': 2,
      'chat.update channel_not_found': 1,
      'conversations.replies http_503': 1,
    });
    expect(await registry.metrics()).toContain(
      'punchingfist_slack_api_errors_total{method="chat.update",error="channel_not_found"} 1',
    );
  });
});
