import { WebClient } from '@slack/web-api';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRedisRunStore } from '../../src/adapters/redis/redis-run-store.ts';
import { createSlackBot, type SlackBot } from '../../src/bot/slack-bot.ts';
import { type ConfigResource, createRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { RunJob } from '../../src/core/queue.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';
import { type SocketModeBridge, startSocketModeBridge } from '../fakes/slack/socket-mode-bridge.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';

/**
 * The same listeners over Socket Mode: the bot opens the connection with
 * its app token (apps.connections.open at the configured API URL), gets
 * the fake's events as envelopes on the websocket, acks them there, and
 * answers through the Web API and response_urls as in HTTP mode.
 */
const env = inject('testenv');
let redis: ReturnType<typeof testRedis>;
let fake: SlackFake;
let bridge: SocketModeBridge;
let bot: SlackBot;
let queue: ReturnType<typeof createBullmqRunQueue>;
let jobs: Queue<RunJob>;

function resource(kind: string, name: string, spec: unknown): ConfigResource {
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'ops' },
    spec,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.resource as ConfigResource;
}

beforeAll(async () => {
  redis = testRedis(env.REDIS_URL, 'slack-socket');
  fake = await createSlackFake(sampleWorkspace());
  bridge = await startSocketModeBridge();
  const registry = createRegistry();
  registry.put(
    resource('Workflow', 'ask', {
      inputs: [{ name: 'question', required: true }],
      steps: [{ name: 'analyze', type: 'analyze' }],
    }),
  );
  registry.put(
    resource('Source', 'chatops', {
      type: 'slack',
      workflowRef: { name: 'ask' },
      slack: { channels: [SAMPLE.incidents] },
    }),
  );
  queue = createBullmqRunQueue(redis.redis, redis.prefix);
  jobs = runsQueue(redis.redis, redis.prefix);
  bot = createSlackBot({
    client: new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl }),
    transport: { mode: 'socket', appToken: 'xapp-1-A0FAKE0001-test', apiUrl: bridge.apiUrl },
    registry,
    queue,
    cluster: { get: async () => undefined },
    runs: createRedisRunStore(redis.redis, redis.prefix, systemClock),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  await bot.start();
  await bridge.connected();
});

afterAll(async () => {
  await bot?.stop();
  await bridge?.close();
  await jobs?.close();
  await queue?.close();
  await fake?.close();
  await redis?.cleanup();
});

describe('Socket Mode', () => {
  it('opens the connection with the app token at the configured API URL', () => {
    expect(bridge.opened).toEqual(['xapp-1-A0FAKE0001-test']);
    expect(bot.route).toBeUndefined();
  });

  it('a mention over the socket is acked, enqueues one run and is answered in its thread', async () => {
    const delivered = await fake.deliver.appMention({
      url: bridge.requestUrl,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: 'ask why is checkout slow?',
    });
    await fake.waitForCall((c) => c.method === 'chat.postMessage' && c.ok);

    expect(delivered.status).toBe(200);
    expect(bridge.acks.size).toBeGreaterThanOrEqual(1);
    const { replies } = fake.state.thread(SAMPLE.incidents, delivered.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('On it: run `ask-c0incident-');
    const queued = await jobs.getJobs();
    expect(queued.map((j) => j.data.event.inputs)).toEqual([
      { question: 'why is checkout slow?', target: 'why is checkout slow?' },
    ]);
  });

  it('a slash command over the socket is answered through its response_url', async () => {
    const delivered = await fake.deliver.slashCommand({
      url: bridge.requestUrl,
      command: '/punchingfist',
      text: 'workflows',
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
    });
    const response = await fake.waitForResponse((r) => r.url === delivered.responseUrl);

    expect(response.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('`ask` (ops, 1 steps)'),
    });
  });
});
