import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { createBullmqRunScheduler } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource, type Source } from '../../src/core/resources/index.ts';
import {
  schedulerId,
  startScheduleRegistrar,
} from '../../src/sources/schedules/schedule-registrar.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';
import { loadWorkflows, workerFor } from '../support/worker.ts';

/**
 * Schedule Sources as BullMQ job schedulers, with two replicas registering
 * the same Source and two workers: one WorkflowRun per tick, and the
 * schedule goes when the Source does.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'sched');
let registries: MutableRegistry[];
let redisParts: ReturnType<typeof testRedis>;

beforeAll(async () => {
  redisParts = testRedis(env.REDIS_URL, 'sched');
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'registry.example/web:1' }] },
        },
      },
    },
  });
  await k.custom.createNamespacedCustomObject({
    group: 'punchingfist.io',
    version: 'v1alpha1',
    namespace: ns,
    plural: 'workflows',
    body: {
      apiVersion: 'punchingfist.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'health' },
      spec: {
        steps: [{ name: 'check', type: 'analyze', target: { kind: 'Deployment', name: 'web' } }],
      },
    },
  });
  registries = [createRegistry(), createRegistry()];
  for (const r of registries) await loadWorkflows(k, ns, r);
});
afterAll(async () => {
  await redisParts.cleanup();
});

function everySecond(): Source {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'every-second', namespace: ns },
    spec: {
      type: 'schedule',
      workflowRef: { name: 'health' },
      schedule: { cron: '* * * * * *', timezone: 'Europe/Berlin' },
    },
  });
  if (!r.ok || r.resource.kind !== 'Source') throw new Error(JSON.stringify(r));
  return r.resource;
}

describe('schedule Sources', () => {
  it('start one run per tick across replicas, and stop when the Source goes', async () => {
    const logger = pino({ level: 'silent' });
    const schedulers = registries.map(() =>
      createBullmqRunScheduler(redisParts.redis, redisParts.prefix),
    );
    const registrars = registries.map((registry, i) => {
      const scheduler = schedulers[i];
      if (scheduler === undefined) throw new Error('no scheduler');
      return startScheduleRegistrar({ registry, scheduler, clock: systemClock, logger });
    });
    const workers = registries.map((registry) =>
      workerFor(k, registry, { redisUrl: env.REDIS_URL, prefix: redisParts.prefix }),
    );
    const store = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
    try {
      for (const r of registries) r.put(everySecond());
      await eventually(
        'scheduler registered',
        async () =>
          (await schedulers[0]?.ids())?.includes(schedulerId(ns, 'every-second'))
            ? true
            : undefined,
        10_000,
      );
      const runs = await eventually(
        'three scheduled runs',
        async () => {
          const list = await store.list({ namespace: ns, workflow: 'health' });
          return list.length >= 3 ? list : undefined;
        },
        30_000,
      );
      expect(runs.every((r) => r.spec.trigger.type === 'schedule')).toBe(true);
      expect(new Set(runs.map((r) => r.metadata.name)).size).toBe(runs.length);

      for (const r of registries) r.remove('Source', ns, 'every-second');
      await eventually(
        'scheduler removed',
        async () => ((await schedulers[0]?.ids())?.length === 0 ? true : undefined),
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const settled = (await store.list({ namespace: ns, workflow: 'health' })).length;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await store.list({ namespace: ns, workflow: 'health' })).length).toBe(settled);

      // One job per tick although two replicas registered the schedule: jobs == runs.
      const queue = runsQueue(redisParts.redis, redisParts.prefix);
      const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
      await queue.close();
      expect(jobs.length).toBe(settled);
    } finally {
      for (const r of registrars) r.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(schedulers.map((s) => s.close()));
    }
  });
});
