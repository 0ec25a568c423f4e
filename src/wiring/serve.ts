/**
 * The composition root: the ONLY place that reads the environment and
 * constructs ioredis, the Kubernetes client, pino and the metrics Registry.
 * Everything else receives what it needs through a `deps` object.
 */

import { hostname } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import type { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createKubeCluster } from '../adapters/kube/index.ts';
import { createPrometheusClient } from '../adapters/prometheus/index.ts';
import { createSlackBot, type SlackBot, type SlackBotDeps } from '../bot/slack-bot.ts';
import { slackTransport } from '../bot/slack-transport.ts';
import type { Config } from '../config.ts';
import { loadConfig, loadKubeConfig } from './load-config.ts';

export { loadConfig, loadKubeConfig };

import { createHttpServer, type HttpServer } from '../adapters/http/server.ts';
import { kubeActionExecutor } from '../adapters/kube/actions/kube-action-executor.ts';
import { createKubeEventRecorder } from '../adapters/kube/kube-event-recorder.ts';
import { createKubeRunStore } from '../adapters/kube/kube-run-store.ts';
import { createKubeSecretReader } from '../adapters/kube/kube-secret-reader.ts';
import { createStatusWriter } from '../adapters/kube/status-writer.ts';
import { createBullmqRunScheduler } from '../adapters/redis/bullmq-run-queue.ts';
import { createRedisRateLimiter } from '../adapters/redis/rate-limiter.ts';
import { createRedisRunStore } from '../adapters/redis/redis-run-store.ts';
import { CountingWebClient, createSlackApiErrors } from '../adapters/slack/slack-api-errors.ts';
import { createSlackChat, type SlackChat } from '../adapters/slack/slack-chat.ts';
import { slackClientOptions } from '../adapters/slack/slack-client-options.ts';
import { countSourceEvents } from '../app/intake/source-counters.ts';
import { createRemediation, parseApprovers } from '../app/remediation/remediation.ts';
import {
  createCelEvaluator,
  createStepExecutors,
  type RunWorker,
  startWorker,
} from '../app/run/index.ts';
import { createStatusCounters, type StatusCounters } from '../controllers/status-counters.ts';
import { AppError } from '../core/errors.ts';
import { systemClock } from '../core/ports.ts';
import { fanOut } from '../core/run-events.ts';
import type { RunStore } from '../core/run-store.ts';
import { createProposalMetrics } from '../sinks/metrics/proposal-metrics.ts';
import { createGraphAttacher } from '../sinks/slack/alert-graph-attacher.ts';
import { createAlertThreadNotifier } from '../sinks/slack/alert-thread-notifier.ts';
import {
  createSlackThreadSink,
  type SlackThreadSink,
  type SlackThreadSinkDeps,
} from '../sinks/slack/slack-thread-sink.ts';
import { kubeEventDuty } from '../sources/kubernetes/kube-event-duty.ts';
import { startScheduleRegistrar } from '../sources/schedules/schedule-registrar.ts';
import { startConfigPlane } from './config-plane.ts';
import { mountIngest } from './ingest.ts';
import { createAgentRuntime, defaultLlmProvider } from './llm.ts';
import { startSinkDelivery } from './sink-delivery.ts';

export type Role = 'all' | 'ingest' | 'worker' | 'controller';

export interface ServeOptions {
  readonly role: Role;
  readonly configDir?: string;
}

export interface Running {
  readonly port: number;
  stop(): Promise<void>;
}

export async function serve(
  env: Readonly<Record<string, string | undefined>>,
  options: ServeOptions,
): Promise<Running> {
  const config = loadConfig(env);
  const logger = pino({
    level: config.LOG_LEVEL,
    base: { app: 'punchingfist', role: options.role },
  });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const redisPrefix = config.REDIS_PREFIX;
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  await redis.connect().catch((err: unknown) => logger.warn({ err }, 'redis not reachable yet'));
  const kc = loadKubeConfig(config);
  const version = kc.makeApiClient(k8s.VersionApi);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  // A bad --config or an unreachable API server must not leave the Redis
  // connection holding the process open.
  const cel = createCelEvaluator();
  const plane = await startConfigPlane({
    logger,
    clock: systemClock,
    redis,
    redisPrefix,
    kube: {
      kc,
      custom,
      coordination: kc.makeApiClient(k8s.CoordinationV1Api),
    },
    ...(options.configDir === undefined ? {} : { configDir: options.configDir }),
    controller: options.role === 'all' || options.role === 'controller',
    leaseNamespace: config.POD_NAMESPACE,
    identity: `${hostname()}-${process.pid}`,
    checkExpression: (expression) => cel.check(expression),
    // kubernetes Sources' event watch: a singleton duty of the controller Lease holder.
    duties: (sources) => [
      kubeEventDuty(
        {
          kc,
          core: kc.makeApiClient(k8s.CoreV1Api),
          cluster: createKubeCluster(kc),
          redis,
          prefix: redisPrefix,
          clock: systemClock,
          logger,
          metrics: registry,
          onEvent: countSourceEvents(() => counters, systemClock),
        },
        sources,
      ),
    ],
  }).catch((err: unknown) => {
    redis.disconnect();
    throw err;
  });

  // Schedule Sources become job schedulers (idempotent upserts; BullMQ makes one job per tick).
  const scheduler = createBullmqRunScheduler(redis, redisPrefix);
  const schedules = startScheduleRegistrar({
    registry: plane.registry,
    scheduler,
    clock: systemClock,
    logger,
  });
  // In the background: a replica must come up (and report not ready) while Redis is down.
  let stopping = false;
  const syncSchedules = (): void => {
    if (stopping) return;
    schedules.sync().catch((err: unknown) => {
      logger.warn({ err }, 'could not sync schedules yet; retrying in 5 s');
      setTimeout(syncSchedules, 5_000).unref();
    });
  };
  syncSchedules();

  // Slack threads (worker: runs' threads; ingest: re-fires and resolutions), when a bot token is set.
  // One WebClient for the threads and the bot, when a bot token is set; it counts Slack's errors.
  const slackClient: WebClient | undefined =
    config.SLACK_BOT_TOKEN === undefined
      ? undefined
      : new CountingWebClient(
          config.SLACK_BOT_TOKEN,
          slackClientOptions({
            logger,
            ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
          }),
          createSlackApiErrors(registry),
        );
  const slackChat = slackClient && createSlackChat(slackClient);
  const slackState = { redis, prefix: redisPrefix, clock: systemClock, logger };
  const runsWork = options.role === 'all' || options.role === 'worker';
  const threads = runsWork
    ? slackThreads(config, slackChat, {
        registry: plane.registry,
        runs: plane.runs,
        evaluator: cel,
        ...slackState,
      })
    : undefined;
  // Sinks other than Slack: one delivery job per run and Sink, sent by the worker role.
  const sinkDelivery = runsWork
    ? startSinkDelivery({
        redis,
        prefix: redisPrefix,
        registry: plane.registry,
        runs: plane.runs,
        evaluator: cel,
        secrets: createKubeSecretReader(kc.makeApiClient(k8s.CoreV1Api), systemClock),
        clock: systemClock,
        logger,
        alertmanagerUrl: config.ALERTMANAGER_URL,
        counters: () => counters,
      })
    : undefined;
  const runSinks = [threads, sinkDelivery?.events, createProposalMetrics(registry)].filter(
    (s) => s !== undefined,
  );
  const runEvents = fanOut(runSinks, (err, event) =>
    logger.warn({ err, runId: event.run.name, event: event.type }, 'run event not delivered'),
  );
  // The approval gate (for the bot), remediate steps' proposer, and on workers the action worker.
  const approvers = parseApprovers(config.PUNCHINGFIST_APPROVERS);
  const remediation = createRemediation({
    connection: redis,
    prefix: redisPrefix,
    runs: plane.runs,
    recorder: createKubeEventRecorder(kc.makeApiClient(k8s.CoreV1Api), systemClock),
    executor: kubeActionExecutor(kc, { clock: systemClock }),
    cluster: createKubeCluster(kc),
    evaluator: cel,
    clock: systemClock,
    logger,
    operatorNamespace: config.POD_NAMESPACE,
    defaultApprovers: approvers,
    events: runEvents,
    worker: runsWork,
  });
  const worker: RunWorker | undefined = runsWork
    ? startWorker({
        connection: redis,
        prefix: redisPrefix,
        registry: plane.registry,
        runs: plane.runs,
        steps: createStepExecutors({
          cluster: createKubeCluster(kc),
          clock: systemClock,
          defaultProvider: defaultLlmProvider(config),
          agent: createAgentRuntime(config, {
            cluster: createKubeCluster(kc),
            clock: systemClock,
            registry,
          }),
          jobs: { batch: kc.makeApiClient(k8s.BatchV1Api), core: kc.makeApiClient(k8s.CoreV1Api) },
          remediation: remediation.proposer,
        }),
        evaluator: cel,
        clock: systemClock,
        logger,
        metrics: registry,
        events: runEvents,
      })
    : undefined;

  const http: HttpServer = createHttpServer({
    logger,
    registry,
    readiness: [
      { name: 'redis', check: async () => (await redis.ping()) === 'PONG' },
      { name: 'kubernetes', check: async () => (await version.getCode()).gitVersion !== '' },
    ],
  });
  const ingestWork = options.role === 'all' || options.role === 'ingest';
  const counters: StatusCounters | undefined =
    plane.mode === 'cluster' ? createStatusCounters(createStatusWriter(custom), logger) : undefined;
  counters?.start();
  const ingest = ingestWork
    ? mountIngest({
        http,
        redis,
        prefix: redisPrefix,
        registry: plane.registry,
        secrets: createKubeSecretReader(kc.makeApiClient(k8s.CoreV1Api), systemClock),
        cluster: createKubeCluster(kc),
        clock: systemClock,
        logger,
        metrics: registry,
        ...(counters === undefined ? {} : { counters }),
        ...(slackChat && {
          alertThreads: createAlertThreadNotifier({ chat: slackChat, ...slackState }),
        }),
      })
    : undefined;
  const slack =
    ingest === undefined
      ? undefined
      : mountSlackBot(http, config, logger, {
          client: slackClient,
          registry: plane.registry,
          queue: ingest.queue,
          cluster: createKubeCluster(kc),
          runs: plane.runs,
          limiter: createRedisRateLimiter(redis, redisPrefix),
          clock: systemClock,
          gate: remediation.gate,
          defaultApproverGroups: approvers.userGroups,
        });
  const address = await http.listen(config.PORT);
  slack?.start();
  logger.info({ port: address.port, mode: plane.mode }, 'punchingfist serving');

  return {
    port: address.port,
    async stop() {
      await http.close();
      await slack?.stop();
      await ingest?.close();
      await counters?.stop();
      stopping = true;
      await worker?.close();
      await sinkDelivery?.close();
      await remediation.close();
      await threads?.close();
      schedules.stop();
      await scheduler.close();
      await plane.stop();
      redis.disconnect();
      logger.info('punchingfist stopped');
    },
  };
}

/**
 * The Slack bot when the environment configures one, its HTTP mode mounted
 * at /slack/events. Socket Mode connects in the background: Slack being
 * unreachable must not keep serve down.
 */
function mountSlackBot(
  http: HttpServer,
  config: Config,
  logger: Logger,
  deps: Omit<SlackBotDeps, 'client' | 'transport' | 'logger'> & {
    readonly client: WebClient | undefined;
  },
): { start(): void; stop(): Promise<void> } | undefined {
  const choice = slackTransport(config);
  if (!choice.ok || deps.client === undefined) {
    logger.info(`slack bot off: ${choice.ok ? 'no Slack client' : choice.reason}`);
    return undefined;
  }
  logger.info({ transport: choice.transport.mode }, 'slack bot on');
  const bot: SlackBot = createSlackBot({
    ...deps,
    client: deps.client,
    transport: choice.transport,
    logger,
  });
  if (bot.route !== undefined) http.route('POST', '/slack/events', bot.route);
  return {
    start: () => {
      bot.start().catch((err: unknown) => logger.error({ err }, 'slack bot did not start'));
    },
    stop: () => bot.stop().catch((err: unknown) => logger.warn({ err }, 'slack bot stop failed')),
  };
}

/** Runs' Slack threads; a new alert thread gets the alert's graph when Prometheus is configured. */
function slackThreads(
  config: Config,
  chat: SlackChat | undefined,
  deps: Omit<SlackThreadSinkDeps, 'chat' | 'onThreadOpened'>,
): SlackThreadSink | undefined {
  if (chat === undefined) return undefined;
  const graph =
    config.PROMETHEUS_URL === undefined
      ? undefined
      : createGraphAttacher({
          chat,
          graph: {
            prometheus: createPrometheusClient({ baseUrl: config.PROMETHEUS_URL }),
            clock: deps.clock,
          },
          logger: deps.logger,
        });
  return createSlackThreadSink({ chat, ...deps, ...(graph && { onThreadOpened: graph }) });
}

/**
 * The WorkflowRun store for CLI commands: the API server's WorkflowRuns, or
 * Redis in local mode (--config), as `serve` would record them.
 */
export async function openRunStore(
  env: Readonly<Record<string, string | undefined>>,
  local: boolean,
): Promise<{ runs: RunStore; close(): Promise<void> }> {
  const config = loadConfig(env);
  if (local) {
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
    const runs = createRedisRunStore(redis, 'pf:', systemClock);
    return {
      runs,
      async close() {
        await runs.close?.();
        redis.disconnect();
      },
    };
  }
  const kc = loadKubeConfig(config);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  return {
    runs: createKubeRunStore(custom, createStatusWriter(custom), systemClock),
    close: async () => undefined,
  };
}
