import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createDeliveryQueue } from '../adapters/redis/delivery-queue.ts';
import { startDeliveryWorker } from '../adapters/redis/delivery-worker.ts';
import { createSinkDeliveryEvents } from '../app/delivery/sink-delivery-events.ts';
import type { StatusCounters } from '../controllers/status-counters.ts';
import type { Registry } from '../core/config-registry.ts';
import type { Clock } from '../core/ports.ts';
import type { RunEventSink } from '../core/run-events.ts';
import type { RunStore } from '../core/run-store.ts';
import type { ExpressionEvaluator } from '../core/workflow/expression-evaluator.ts';
import type { SecretReader } from '../sources/webhooks/webhook-auth.ts';

/**
 * The worker role's sink delivery: the run-event sink that plans and
 * enqueues deliveries, and the worker that sends them, counting each
 * outcome on the Sink's status (SENT, lastError).
 */
export interface SinkDeliveryDeps {
  readonly redis: Redis;
  readonly prefix: string;
  readonly registry: Pick<Registry, 'workflow' | 'sink'>;
  readonly runs: Pick<RunStore, 'get'>;
  readonly evaluator: ExpressionEvaluator;
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly alertmanagerUrl?: string | undefined;
  readonly counters?: () => StatusCounters | undefined;
}

export function startSinkDelivery(deps: SinkDeliveryDeps): {
  readonly events: RunEventSink;
  close(): Promise<void>;
} {
  const queue = createDeliveryQueue(deps.redis, deps.prefix);
  const worker = startDeliveryWorker({
    connection: deps.redis,
    prefix: deps.prefix,
    logger: deps.logger,
    deliver: {
      fetch,
      secrets: deps.secrets,
      clock: deps.clock,
      ...(deps.alertmanagerUrl === undefined ? {} : { alertmanagerUrl: deps.alertmanagerUrl }),
    },
    onResult: (d, ok, detail) => {
      const now = deps.clock.now().toISOString();
      deps
        .counters?.()
        ?.record(
          'sinks',
          d.sink.namespace,
          d.sink.name,
          ok
            ? { add: { messagesSent: 1 }, set: { lastSentTime: now } }
            : { add: { messagesFailed: 1 }, set: { lastError: detail.slice(0, 4096) } },
        );
    },
  });
  const events = createSinkDeliveryEvents({ ...deps, queue });
  return {
    events,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
