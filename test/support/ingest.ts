import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createRegistry, type MutableRegistry } from '../../src/controllers/registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { RunQueue } from '../../src/core/queue.ts';
import { createHttpServer } from '../../src/sources/http/server.ts';
import { createBullmqRunQueue } from '../../src/sources/queue/bullmq-run-queue.ts';
import { createRedisDedupStore } from '../../src/sources/redis/dedup-store.ts';
import { createRedisIngestGate } from '../../src/sources/redis/ingest-gate.ts';
import { createAlertmanagerHandler } from '../../src/sources/webhooks/alertmanager-handler.ts';
import { createIngestMetrics } from '../../src/sources/webhooks/ingest-metrics.ts';
import type { SecretReader } from '../../src/sources/webhooks/webhook-auth.ts';
import { webhookRoute } from '../../src/sources/webhooks/webhook-route.ts';

/** The real ingest path (HTTP server, Redis dedup/rate limit, BullMQ) on loopback, for tests and benchmarks. */
export interface IngestHarness {
  readonly url: string;
  readonly registry: MutableRegistry;
  readonly queue: RunQueue;
  readonly metrics: Registry;
  close(): Promise<void>;
}

export async function startIngest(
  redis: Redis,
  prefix: string,
  secrets: SecretReader,
): Promise<IngestHarness> {
  const registry = createRegistry();
  const metrics = new Registry();
  const logger = pino({ level: 'silent' });
  const queue = createBullmqRunQueue(redis, prefix);
  const http = createHttpServer({ logger, registry: metrics, readiness: [] });
  const handler = createAlertmanagerHandler({
    sourceForPath: (p) => registry.sourceForPath(p),
    secrets,
    dedup: createRedisDedupStore(redis, prefix),
    gate: createRedisIngestGate(redis, prefix),
    queue,
    clock: systemClock,
    logger,
    metrics: createIngestMetrics(metrics),
  });
  http.route('POST', '/', webhookRoute([handler]));
  const address = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    registry,
    queue,
    metrics,
    async close() {
      await http.close();
      await queue.close();
    },
  };
}
