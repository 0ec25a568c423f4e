import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry as MetricsRegistry } from 'prom-client';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import {
  createCelEvaluator,
  createStepExecutors,
  type RunWorker,
  startWorker,
  type WorkerOptions,
} from '../../src/app/run/index.ts';
import type { MutableRegistry } from '../../src/core/config-registry.ts';
import type { SourceEvent } from '../../src/core/events/source-event.ts';
import { type ClusterPort, systemClock } from '../../src/core/ports.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import type { RunEventSink } from '../../src/core/run-events.ts';
import type { Kube } from './kube.ts';

/** A worker wired as main.ts would, against the test cluster and Redis. */
export interface WorkerHarnessOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** `get` of objects whose name starts with "slow" waits this long (a slow step). */
  readonly slowMs?: number;
  readonly podLabels?: Record<string, string>;
  readonly options?: WorkerOptions;
  readonly logLevel?: string;
  /** Names the worker's cluster reads were asked for (what it investigated). */
  readonly seen?: string[];
  /** Where the worker publishes run events (e.g. the Slack thread sink). */
  readonly events?: RunEventSink;
}

function slowCluster(
  cluster: ClusterPort,
  slowMs: number,
  seen: string[] | undefined,
): ClusterPort {
  return {
    ...cluster,
    async get(kind, name, namespace) {
      seen?.push(name);
      if (name.startsWith('slow')) await sleep(slowMs);
      return cluster.get(kind, name, namespace);
    },
  };
}

export function workerFor(
  k: Kube,
  registry: MutableRegistry,
  o: WorkerHarnessOptions,
): { worker: RunWorker; connection: Redis; metrics: MetricsRegistry; close(): Promise<void> } {
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const metrics = new MetricsRegistry();
  const cluster = slowCluster(createKubeCluster(k.kc), o.slowMs ?? 0, o.seen);
  const worker = startWorker({
    connection,
    prefix: o.prefix,
    registry,
    runs: createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock),
    steps: createStepExecutors({
      cluster,
      clock: systemClock,
      defaultProvider: 'none',
      jobs: { batch: k.batch, core: k.core, ...(o.podLabels ? { podLabels: o.podLabels } : {}) },
    }),
    evaluator: createCelEvaluator(),
    clock: systemClock,
    logger: pino({ level: o.logLevel ?? 'silent' }),
    metrics,
    ...(o.options ? { options: o.options } : {}),
    ...(o.events ? { events: o.events } : {}),
  });
  return {
    worker,
    connection,
    metrics,
    async close() {
      await worker.close(5_000);
      connection.disconnect();
    },
  };
}

/** Puts the namespace's Workflows, as the API server has them, into the registry. */
export async function loadWorkflows(k: Kube, namespace: string, registry: MutableRegistry) {
  const list = (await k.custom.listNamespacedCustomObject({
    group: 'punchingfist.io',
    version: 'v1alpha1',
    namespace,
    plural: 'workflows',
  })) as { items: unknown[] };
  for (const item of list.items) {
    const parsed = parseResource(item);
    if (parsed.ok && parsed.resource.kind === 'Workflow') registry.put(parsed.resource);
  }
}

export function alertEvent(
  namespace: string,
  workflow: string,
  labels: Record<string, string>,
): SourceEvent {
  const all = { alertname: 'KubePodCrashLooping', severity: 'critical', namespace, ...labels };
  const now = new Date().toISOString();
  return {
    source: { namespace, name: 'alertmanager', type: 'alertmanager' },
    workflow,
    receivedAt: now,
    status: 'firing',
    fingerprint: `fp-${Math.random().toString(36).slice(2)}`,
    title: `KubePodCrashLooping: ${namespace}`,
    severity: 'critical',
    labels: all,
    annotations: {},
    alerts: [
      {
        fingerprint: 'a1',
        status: 'firing',
        labels: all,
        annotations: {},
        startsAt: now,
      },
    ],
  };
}
