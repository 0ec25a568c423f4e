import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createHttpServer } from '../../src/adapters/http/server.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { type ClusterPort, systemClock } from '../../src/core/ports.ts';
import type { RunQueue } from '../../src/core/queue.ts';
import type { SecretReader } from '../../src/sources/webhooks/webhook-auth.ts';
import { type IngestMountDeps, mountIngest } from '../../src/wiring/ingest.ts';

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
  options: {
    readonly cluster?: Pick<ClusterPort, 'get' | 'ownerChain'>;
    readonly alertThreads?: NonNullable<IngestMountDeps['alertThreads']>;
  } = {},
): Promise<IngestHarness> {
  const registry = createRegistry();
  const metrics = new Registry();
  const logger = pino({ level: 'silent' });
  const http = createHttpServer({ logger, registry: metrics, readiness: [] });
  const ingest = mountIngest({
    http,
    redis,
    prefix,
    registry,
    secrets,
    clock: systemClock,
    logger,
    metrics,
    ...options,
  });
  const address = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    registry,
    queue: ingest.queue,
    metrics,
    async close() {
      await http.close();
      await ingest.close();
    },
  };
}
