import type * as k8s from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry as Metrics } from 'prom-client';
import { createBullmqRunQueue } from '../../adapters/redis/bullmq-run-queue.ts';
import { createRedisDedupStore } from '../../adapters/redis/dedup-store.ts';
import { createRedisIngestGate } from '../../adapters/redis/ingest-gate.ts';
import { createEventEnricher } from '../../app/intake/event-enricher.ts';
import type { IntakeDeps } from '../../app/intake/event-intake.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import type { SingletonDuty } from '../../wiring/config-plane.ts';
import { createKubeEventWatcher } from './kube-event-watcher.ts';

/** The kubernetes Sources' event watch as a singleton duty of the Lease holder. */
export interface KubeEventDutyDeps {
  readonly kc: k8s.KubeConfig;
  readonly core: Pick<k8s.CoreV1Api, 'listEventForAllNamespaces'>;
  readonly cluster: Pick<ClusterPort, 'get' | 'ownerChain'>;
  readonly redis: Redis;
  readonly prefix: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly onEvent?: IntakeDeps['onEvent'];
}

export function kubeEventDuty(deps: KubeEventDutyDeps, registry: Registry): SingletonDuty {
  const queue = createBullmqRunQueue(deps.redis, deps.prefix);
  const watcher = createKubeEventWatcher({
    kc: deps.kc,
    core: deps.core,
    registry,
    intake: {
      gate: createRedisIngestGate(deps.redis, deps.prefix),
      dedup: createRedisDedupStore(deps.redis, deps.prefix),
      queue,
      ...(deps.onEvent === undefined ? {} : { onEvent: deps.onEvent }),
    },
    enricher: createEventEnricher(deps),
    cluster: deps.cluster,
    clock: deps.clock,
    logger: deps.logger.child({ duty: 'kubernetes-sources' }),
  });
  return {
    name: 'kubernetes-sources',
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}
