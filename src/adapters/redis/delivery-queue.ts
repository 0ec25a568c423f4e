import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Delivery } from '../../core/sinks/sink-plan.ts';

/**
 * The sink-deliveries queue on BullMQ: one job per run and Sink (the job id
 * is the delivery id, so a second run-finished for the same run adds
 * nothing), retried with exponential back-off.
 */
export const deliveriesQueueName = 'sink-deliveries';

export interface DeliveryQueue {
  enqueue(delivery: Delivery): Promise<void>;
  close(): Promise<void>;
}

export interface DeliveryQueueOptions {
  readonly attempts?: number;
  readonly backoffMs?: number;
}

export function createDeliveryQueue(
  connection: Redis,
  prefix: string,
  o: DeliveryQueueOptions = {},
): DeliveryQueue {
  const queue = new Queue<Delivery>(deliveriesQueueName, { connection, prefix: `${prefix}bull` });
  return {
    async enqueue(delivery) {
      await queue.add('deliver', delivery, {
        jobId: delivery.id,
        attempts: o.attempts ?? 6,
        backoff: { type: 'exponential', delay: o.backoffMs ?? 2_000 },
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    close: () => queue.close(),
  };
}
