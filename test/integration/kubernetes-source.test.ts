import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry as Metrics } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRedisDedupStore } from '../../src/adapters/redis/dedup-store.ts';
import { createRedisIngestGate } from '../../src/adapters/redis/ingest-gate.ts';
import { createEventEnricher } from '../../src/app/intake/event-enricher.ts';
import { createRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { RunJob } from '../../src/core/queue.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import {
  createKubeEventWatcher,
  type KubeEventWatcher,
} from '../../src/sources/kubernetes/kube-event-watcher.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';

/**
 * A kubernetes Source watching the real API server: a crash-looping
 * Deployment (kwok's simulated BackOff events, several pods, repeating)
 * starts exactly one run, keyed by the Deployment and the reason.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'kube-src');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let watcher: KubeEventWatcher;
let jobs: Queue<RunJob>;
let closeQueue: () => Promise<void>;

beforeAll(async () => {
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'kube-src'));
  const registry = createRegistry();
  const source = (name: string, extra: Record<string, unknown> = {}) => {
    const parsed = parseResource({
      apiVersion: 'punchingfist.io/v1alpha1',
      kind: 'Source',
      metadata: { name, namespace: ns },
      spec: {
        type: 'kubernetes',
        workflowRef: { name },
        kubernetes: {
          kinds: ['Pod'],
          reasons: ['BackOff', 'OOMKilling'],
          namespaces: [ns],
          ...extra,
        },
        dedup: { window: '10m' },
      },
    });
    if (!parsed.ok || parsed.resource.kind !== 'Source') throw new Error(JSON.stringify(parsed));
    return parsed.resource;
  };
  registry.put(source('events'));
  registry.put(source('labelled', { labelSelector: { matchLabels: { app: 'checkout' } } }));
  registry.put(source('elsewhere', { labelSelector: { matchLabels: { app: 'healthy' } } }));
  const queue = createBullmqRunQueue(redis, prefix);
  const cluster = createKubeCluster(k.kc);
  closeQueue = () => queue.close();
  watcher = createKubeEventWatcher({
    kc: k.kc,
    core: k.core,
    registry,
    intake: {
      gate: createRedisIngestGate(redis, prefix),
      dedup: createRedisDedupStore(redis, prefix),
      queue,
    },
    cluster,
    enricher: createEventEnricher({
      cluster,
      clock: systemClock,
      metrics: new Metrics(),
    }),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  await watcher.start();
  jobs = runsQueue(redis, prefix);
}, 60_000);

afterAll(async () => {
  await watcher?.stop();
  await jobs?.close();
  await closeQueue?.();
  await cleanup?.();
});

const deployment = (name: string, fault?: string) => ({
  metadata: { name },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: {
        labels: { app: name, ...(fault ? { 'sim.punchingfist.io/fault': fault } : {}) },
      },
      spec: { containers: [{ name: 'app', image: `shop/${name}:1` }] },
    },
  },
});

describe('kubernetes Source', () => {
  it('turns the BackOff events of a crash-looping Deployment into exactly one run per selecting Source', async () => {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('healthy') });
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('checkout', 'crashloop'),
    });
    const backOffs = () =>
      k.core
        .listNamespacedEvent({ namespace: ns, fieldSelector: 'reason=BackOff' })
        .then((l) => l.items);
    // Several BackOff events from several pods, repeating while the test waits.
    await eventually(
      'BackOff events of 3 pods',
      async () => {
        const pods = new Set((await backOffs()).map((e) => e.involvedObject.name));
        return pods.size >= 3 ? true : undefined;
      },
      90_000,
      1_000,
    );
    await sleep(6_000);
    const all = await jobs.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    // One run for the plain Source, one for the selector matching checkout's pods, none for the other.
    expect(all.map((j) => j.data.event.source.name).sort()).toEqual(['events', 'labelled']);
    const plain = all.find((j) => j.data.event.source.name === 'events');
    expect(plain?.data.event).toMatchObject({
      source: { namespace: ns, name: 'events', type: 'kubernetes' },
      status: 'firing',
      title: `BackOff: ${ns}/checkout`,
      labels: { reason: 'BackOff', namespace: ns, deployment: 'checkout', kind: 'Pod' },
    });
  });
});
