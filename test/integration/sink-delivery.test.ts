import http from 'node:http';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCelEvaluator } from '../../src/adapters/cel/cel-evaluator.ts';
import { createKubeSecretReader } from '../../src/adapters/kube/kube-secret-reader.ts';
import { createDeliveryQueue } from '../../src/adapters/redis/delivery-queue.ts';
import { startDeliveryWorker } from '../../src/adapters/redis/delivery-worker.ts';
import { createRedisRunStore } from '../../src/adapters/redis/redis-run-store.ts';
import { createSinkDeliveryEvents } from '../../src/app/delivery/sink-delivery-events.ts';
import { type ConfigResource, createRegistry } from '../../src/core/config-registry.ts';
import type { SourceEvent } from '../../src/core/events/source-event.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import type { RunEvent } from '../../src/core/run-events.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';

/**
 * Sink delivery end to end: run-finished → conditions and templates →
 * one BullMQ job per Sink → a real HTTP receiver, the real Alertmanager's
 * silences API, and the log. Real Redis, CEL, Secret and Alertmanager.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'sinks');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let receiver: http.Server;
let receiverUrl: string;
const received: {
  path: string;
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}[] = [];
const logLines: string[] = [];
let close: () => Promise<void>;
let publish: (e: RunEvent) => Promise<void>;
let jobs: Queue;
const alertname = `PfSinkTest${Date.now().toString(36)}`;

function resource(doc: Record<string, unknown>): ConfigResource {
  const r = parseResource({ apiVersion: 'punchingfist.io/v1alpha1', ...doc });
  if (!r.ok || r.resource.kind === 'WorkflowRun') throw new Error(JSON.stringify(r));
  return r.resource;
}

beforeAll(async () => {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'hook' }, stringData: { token: 'sink-tok' } },
  });
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'sinks'));
  let failedOnce = false;
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const status = req.url === '/flaky' && !failedOnce ? 503 : 200;
      if (req.url === '/flaky') failedOnce = true;
      received.push({ path: req.url ?? '', status, body, headers: req.headers });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const registry = createRegistry();
  const sinks = [
    {
      name: 'hook',
      spec: {
        type: 'webhook',
        target: { url: `${receiverUrl}/flaky` },
        credentials: { name: 'hook', key: 'token' },
        template:
          '{"run":"{{run.name}}","title":"{{event.title}}","summary":"{{outputs.summary}}","phase":"{{phase}}"}',
      },
    },
    { name: 'only-p1', spec: { type: 'webhook', target: { url: `${receiverUrl}/p1` } } },
    {
      name: 'never',
      spec: {
        type: 'webhook',
        target: { url: `${receiverUrl}/never` },
        condition: 'phase == "Failed"',
      },
    },
    { name: 'silence', spec: { type: 'alertmanager', target: { silenceDuration: '30m' } } },
    {
      name: 'log',
      spec: { type: 'stdout', template: 'run {{run.name}} finished: {{event.title}}' },
    },
    {
      name: 'tickets',
      spec: {
        type: 'jira',
        target: { url: 'https://jira.example', project: 'OPS' },
        credentials: { name: 'hook', key: 'token' },
      },
    },
  ];
  for (const s of sinks)
    registry.put(
      resource({ kind: 'Sink', metadata: { name: s.name, namespace: ns }, spec: s.spec }),
    );
  registry.put(
    resource({
      kind: 'Workflow',
      metadata: { name: 'triage', namespace: ns },
      spec: {
        steps: [{ name: 'analyze', type: 'analyze' }],
        sinks: [
          { sinkRef: { name: 'hook' } },
          { sinkRef: { name: 'only-p1' }, condition: 'event.priority == "P1"' },
          { sinkRef: { name: 'never' } },
          { sinkRef: { name: 'silence' } },
          { sinkRef: { name: 'log' } },
          { sinkRef: { name: 'tickets' } },
        ],
      },
    }),
  );
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  const runs = createRedisRunStore(redis, prefix, systemClock);
  const queue = createDeliveryQueue(redis, prefix, { attempts: 4, backoffMs: 100 });
  const events = createSinkDeliveryEvents({
    registry,
    runs,
    evaluator: createCelEvaluator(),
    queue,
    logger,
  });
  const workerRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const worker = startDeliveryWorker({
    connection: workerRedis,
    prefix,
    logger,
    deliver: {
      fetch,
      secrets: createKubeSecretReader(k.core, systemClock),
      clock: systemClock,
      ...(env.ALERTMANAGER_URL === undefined ? {} : { alertmanagerUrl: env.ALERTMANAGER_URL }),
    },
  });
  jobs = new Queue('sink-deliveries', { connection: redis, prefix: `${prefix}bull` });
  const workflow = registry.workflow(ns, 'triage');
  if (workflow === undefined) throw new Error('no workflow');
  await runs.create({
    workflow,
    name: 'triage-r1',
    trigger: { type: 'alertmanager', receivedAt: new Date().toISOString() },
  });
  await runs.updateStatus(ns, 'triage-r1', (s) => ({
    ...s,
    phase: 'Succeeded',
    outputs: { summary: 'bad rollout' },
  }));
  publish = (e) => events.publish(e);
  close = async () => {
    await worker.close();
    workerRedis.disconnect();
    await queue.close();
    await runs.close?.();
  };
}, 60_000);

afterAll(async () => {
  await jobs?.close();
  await close?.();
  await new Promise((r) => receiver?.close(r));
  await cleanup?.();
});

const event: SourceEvent = {
  source: { namespace: 'x', name: 'am', type: 'alertmanager' },
  workflow: 'triage',
  receivedAt: '2026-11-22T07:00:00Z',
  status: 'firing',
  fingerprint: 'fp1',
  title: `${alertname}: shop/checkout`,
  severity: 'warning',
  labels: { alertname, namespace: 'shop', severity: 'warning' },
  annotations: {},
  alerts: [],
  environment: 'production',
  priority: 'P3',
};
const finished = (): RunEvent => ({
  type: 'run-finished',
  run: { name: 'triage-r1', namespace: ns, workflow: 'triage' },
  event,
  phase: 'Succeeded',
  message: 'done',
  at: new Date().toISOString(),
});
const completed = (id: string) =>
  eventually(
    `${id} completed`,
    async () => ((await jobs.getJobState(id)) === 'completed' ? true : undefined),
    20_000,
  );

describe('sink delivery', () => {
  it('delivers the rendered payload to a webhook once, though the job is retried and run-finished repeats', async () => {
    await publish(finished());
    await completed('triage-r1.hook');
    await publish(finished());
    // Even once the completed job is gone and the delivery is enqueued again, it is not sent twice.
    await jobs.remove('triage-r1.hook');
    await publish(finished());
    await completed('triage-r1.hook');
    const hook = received.filter((r) => r.path === '/flaky');
    expect(hook.map((r) => r.status)).toEqual([503, 200]);
    const accepted = hook[1];
    expect(JSON.parse(accepted?.body ?? '')).toEqual({
      run: 'triage-r1',
      title: event.title,
      summary: 'bad rollout',
      phase: 'Succeeded',
    });
    expect(accepted?.headers.authorization).toBe('Bearer sink-tok');
    expect(accepted?.headers['idempotency-key']).toBe('triage-r1.hook');
  });

  it('delivers nothing when a condition is false, and nothing for an unsupported type', async () => {
    await completed('triage-r1.log');
    expect(received.filter((r) => r.path === '/p1' || r.path === '/never')).toEqual([]);
    expect(await jobs.getJob('triage-r1.only-p1')).toBeUndefined();
    expect(await jobs.getJob('triage-r1.never')).toBeUndefined();
    expect(await jobs.getJob('triage-r1.tickets')).toBeUndefined();
    expect(logLines.join('')).toContain('jira is not supported yet');
  });

  it('writes a stdout sink as one log line', async () => {
    await completed('triage-r1.log');
    const lines = logLines.filter((l) => l.includes(`run triage-r1 finished: ${event.title}`));
    expect(lines).toHaveLength(1);
  });

  it.runIf(env.ALERTMANAGER_URL !== undefined)(
    'creates a silence for the alert in the real Alertmanager',
    async () => {
      await completed('triage-r1.silence');
      const silences = (await (await fetch(`${env.ALERTMANAGER_URL}/api/v2/silences`)).json()) as {
        id: string;
        createdBy: string;
        status: { state: string };
        matchers: { name: string; value: string }[];
        startsAt: string;
        endsAt: string;
      }[];
      const ours = silences.filter((s) =>
        s.matchers.some((m) => m.name === 'alertname' && m.value === alertname),
      );
      expect(ours).toHaveLength(1);
      const silence = ours[0];
      expect(silence).toMatchObject({ createdBy: 'punchingfist', status: { state: 'active' } });
      expect(silence?.matchers).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'namespace', value: 'shop' })]),
      );
      const minutes =
        (Date.parse(silence?.endsAt ?? '') - Date.parse(silence?.startsAt ?? '')) / 60_000;
      expect(Math.round(minutes)).toBe(30);
      await fetch(`${env.ALERTMANAGER_URL}/api/v2/silence/${silence?.id}`, { method: 'DELETE' });
    },
  );
});
