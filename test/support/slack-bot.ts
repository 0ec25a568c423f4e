import { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRedisRateLimiter } from '../../src/adapters/redis/rate-limiter.ts';
import { createSlackBot } from '../../src/bot/slack-bot.ts';
import type { MutableRegistry } from '../../src/core/config-registry.ts';
import type { Clock, ClusterPort } from '../../src/core/ports.ts';
import type { RunJob } from '../../src/core/queue.ts';
import type { ApprovalGate } from '../../src/core/remediation/proposal.ts';
import type { RunStore } from '../../src/core/run-store.ts';
import type { SlackFake } from '../fakes/slack/index.ts';
import { runsQueue } from './runs-queue.ts';

/**
 * The bot as `serve` mounts it in HTTP mode: our HTTP server with
 * `POST /slack/events`, a WebClient on the Slack fake, the runs queue on
 * real Redis. `jobs()` reads what was enqueued.
 */
export interface SlackBotHarness {
  /** The Request URL to deliver to. */
  readonly url: string;
  jobs(): Promise<RunJob[]>;
  close(): Promise<void>;
}

export interface SlackBotHarnessDeps {
  readonly fake: SlackFake;
  readonly redis: Redis;
  readonly prefix: string;
  readonly registry: MutableRegistry;
  readonly cluster: Pick<ClusterPort, 'get'>;
  readonly runs: RunStore;
  readonly clock: Clock;
  readonly gate?: ApprovalGate;
}

export async function startSlackBot(deps: SlackBotHarnessDeps): Promise<SlackBotHarness> {
  const logger = pino({ level: 'silent' });
  const client = new WebClient(deps.fake.botToken, {
    slackApiUrl: deps.fake.apiUrl,
    retryConfig: { retries: 3, factor: 1, minTimeout: 0, maxTimeout: 10 },
  });
  const queue = createBullmqRunQueue(deps.redis, deps.prefix);
  const bot = createSlackBot({
    client,
    transport: { mode: 'http', signingSecret: deps.fake.signingSecret },
    registry: deps.registry,
    queue,
    cluster: deps.cluster,
    runs: deps.runs,
    limiter: createRedisRateLimiter(deps.redis, deps.prefix),
    clock: deps.clock,
    logger,
    ...(deps.gate === undefined ? {} : { gate: deps.gate }),
  });
  const http = createHttpServer({ logger, registry: new Registry(), readiness: [] });
  if (bot.route === undefined) throw new Error('HTTP mode has a route');
  http.route('POST', '/slack/events', bot.route);
  await bot.start();
  const address = await http.listen(0, '127.0.0.1');
  const reader = runsQueue(deps.redis, deps.prefix);
  return {
    url: `http://127.0.0.1:${address.port}/slack/events`,
    jobs: async () => (await reader.getJobs()).map((job) => job.data),
    async close() {
      await http.close();
      await bot.stop();
      await reader.close();
      await queue.close();
    },
  };
}
