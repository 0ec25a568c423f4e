import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Delivery } from '../../core/sinks/sink-plan.ts';
import { type DeliverDeps, DeliveryError, deliver } from '../../sinks/delivery/deliver.ts';
import { deliveriesQueueName } from './delivery-queue.ts';

/**
 * Works the sink-deliveries queue. A delivery that went out is marked in
 * Redis (kept a week), so a job that runs again after its send (a stalled
 * worker, a second enqueue after the job was cleaned up) does not send
 * twice; receivers also get the delivery id as Idempotency-Key. A refusal
 * that retrying cannot fix fails the job at once.
 */
export interface DeliveryWorkerDeps {
  readonly connection: Redis;
  readonly prefix: string;
  readonly logger: Logger;
  readonly deliver: Omit<DeliverDeps, 'log'>;
  /** Called after each attempt: for Sink status counters. */
  readonly onResult?: (delivery: Delivery, ok: boolean, detail: string) => void;
  readonly concurrency?: number;
}

export interface DeliveryWorker {
  close(): Promise<void>;
}

const sentTtlSeconds = 7 * 86_400;

export function startDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const sentKey = (id: string) => `${deps.prefix}sink-sent:${id}`;
  const log: DeliverDeps['log'] = (line, message) => deps.logger.info(line, message);
  const process = async (job: { data: Delivery }) => {
    const d = job.data;
    if ((await deps.connection.exists(sentKey(d.id))) === 1) return 'already delivered';
    let detail: string;
    try {
      detail = await deliver({ ...deps.deliver, log }, d);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.onResult?.(d, false, message);
      if (err instanceof DeliveryError && !err.retry) throw new UnrecoverableError(message);
      throw err;
    }
    await deps.connection.set(sentKey(d.id), detail, 'EX', sentTtlSeconds);
    deps.onResult?.(d, true, detail);
    deps.logger.info({ runId: d.run.name, sink: d.sink.name, detail }, 'sink delivered');
    return detail;
  };
  const worker = new Worker<Delivery, string>(deliveriesQueueName, process, {
    connection: deps.connection,
    prefix: `${deps.prefix}bull`,
    concurrency: deps.concurrency ?? 4,
  });
  worker.on('failed', (job, err) =>
    deps.logger.warn(
      { delivery: job?.id, attempts: job?.attemptsMade, err },
      'sink delivery failed',
    ),
  );
  worker.on('error', (err) => deps.logger.warn({ err }, 'delivery worker error'));
  return { close: () => worker.close() };
}
