import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { Registry } from '../../controllers/registry.ts';
import type { StatusCounters } from '../../controllers/status-counters.ts';
import type { Clock } from '../../core/ports.ts';
import type { RunQueue } from '../../core/queue.ts';
import type { HttpServer } from '../http/server.ts';
import { createBullmqRunQueue } from '../queue/bullmq-run-queue.ts';
import { createRedisDedupStore } from '../redis/dedup-store.ts';
import { createRedisIngestGate } from '../redis/ingest-gate.ts';
import { createAlertmanagerHandler, type IngestOutcome } from './alertmanager-handler.ts';
import { createIngestMetrics } from './ingest-metrics.ts';
import type { SecretReader } from './webhook-auth.ts';
import { webhookRoute } from './webhook-route.ts';

/**
 * The ingest role: webhook routes for the registry's Sources, their
 * counters written to the Source status (cluster mode), jobs onto the
 * runs queue.
 */
export interface IngestMountDeps {
  readonly http: HttpServer;
  readonly redis: Redis;
  readonly prefix: string;
  readonly registry: Pick<Registry, 'sourceForPath'>;
  /** Where webhook credentials come from (a Kubernetes Secret reader in production). */
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly counters?: StatusCounters;
}

const counted: Record<IngestOutcome, Record<string, number>> = {
  enqueued: { eventsReceived: 1, runsStarted: 1 },
  deduplicated: { eventsReceived: 1, eventsDeduplicated: 1 },
  resolved: { eventsReceived: 1 },
  filtered: { eventsReceived: 1, eventsFiltered: 1 },
  suspended: { eventsReceived: 1 },
  rate_limited: { eventsReceived: 1, eventsRateLimited: 1 },
};

export function mountIngest(deps: IngestMountDeps): {
  readonly queue: RunQueue;
  close(): Promise<void>;
} {
  const queue = createBullmqRunQueue(deps.redis, deps.prefix);
  const handler = createAlertmanagerHandler({
    sourceForPath: (path) => deps.registry.sourceForPath(path),
    secrets: deps.secrets,
    dedup: createRedisDedupStore(deps.redis, deps.prefix),
    gate: createRedisIngestGate(deps.redis, deps.prefix),
    queue,
    clock: deps.clock,
    logger: deps.logger,
    metrics: createIngestMetrics(deps.metrics),
    onEvent: (source, outcome) => {
      deps.counters?.record(
        'sources',
        source.metadata.namespace ?? 'default',
        source.metadata.name,
        {
          add: counted[outcome],
          set: { lastEventTime: deps.clock.now().toISOString() },
        },
      );
    },
  });
  deps.http.route('POST', '/', webhookRoute([handler]));
  return { queue, close: () => queue.close() };
}
