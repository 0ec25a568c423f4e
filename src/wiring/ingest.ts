import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { HttpServer } from '../adapters/http/server.ts';
import { createBullmqRunQueue } from '../adapters/redis/bullmq-run-queue.ts';
import { createRedisDedupStore } from '../adapters/redis/dedup-store.ts';
import { createRedisIngestGate } from '../adapters/redis/ingest-gate.ts';
import { createEventEnricher } from '../app/intake/event-enricher.ts';
import { countSourceEvents } from '../app/intake/source-counters.ts';
import type { StatusCounters } from '../controllers/status-counters.ts';
import type { AlertThreadNotifier } from '../core/alert-thread-notifier.ts';
import type { Registry } from '../core/config-registry.ts';
import type { Clock, ClusterPort } from '../core/ports.ts';
import type { RunQueue } from '../core/queue.ts';
import { createAlertmanagerHandler } from '../sources/webhooks/alertmanager-handler.ts';
import { createApiHandler } from '../sources/webhooks/api-handler.ts';
import { createIngestMetrics } from '../sources/webhooks/ingest-metrics.ts';
import type { SecretReader } from '../sources/webhooks/webhook-auth.ts';
import type { WebhookDeps } from '../sources/webhooks/webhook-handler.ts';
import { webhookRoute } from '../sources/webhooks/webhook-route.ts';

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
  /** Read-only cluster access for classification and workload dedup; none: events go unclassified by environment. */
  readonly cluster?: Pick<ClusterPort, 'get' | 'ownerChain'>;
  /** Re-fires and resolutions go to the alert groups' chat threads (Slack). */
  readonly alertThreads?: AlertThreadNotifier;
}

export function mountIngest(deps: IngestMountDeps): {
  readonly queue: RunQueue;
  close(): Promise<void>;
} {
  const queue = createBullmqRunQueue(deps.redis, deps.prefix);
  const enricher = createEventEnricher({
    clock: deps.clock,
    metrics: deps.metrics,
    ...(deps.cluster === undefined ? {} : { cluster: deps.cluster }),
  });
  const webhookDeps: WebhookDeps = {
    sourceForPath: (path) => deps.registry.sourceForPath(path),
    secrets: deps.secrets,
    dedup: createRedisDedupStore(deps.redis, deps.prefix),
    gate: createRedisIngestGate(deps.redis, deps.prefix),
    queue,
    clock: deps.clock,
    logger: deps.logger,
    metrics: createIngestMetrics(deps.metrics),
    enricher,
    ...(deps.alertThreads === undefined ? {} : { alertThreads: deps.alertThreads }),
    onEvent: countSourceEvents(() => deps.counters, deps.clock),
  };
  const handlers = [createAlertmanagerHandler(webhookDeps), createApiHandler(webhookDeps)];
  deps.http.route('POST', '/', webhookRoute(handlers));
  return { queue, close: () => queue.close() };
}
