import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { runsQueueName } from '../../src/adapters/redis/bullmq-run-queue.ts';
import type { RunJob } from '../../src/core/queue.ts';

/**
 * An idle BullMQ worker on the runs queue whose processor stands for a
 * run's first step: it records `Date.now() - event.receivedAt` (the time
 * ingest stamped the alert) when it is handed the job.
 */
export interface FirstStepProbe {
  readonly latenciesMs: readonly number[];
  /** Resolves once `count` jobs were processed, or after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFirstStepProbe(
  redisUrl: string,
  prefix: string,
): Promise<FirstStepProbe> {
  const latenciesMs: number[] = [];
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<RunJob>(
    runsQueueName,
    async (job) => {
      latenciesMs.push(Date.now() - Date.parse(job.data.event.receivedAt));
    },
    { connection, prefix: `${prefix}bull`, concurrency: 4 },
  );
  await worker.waitUntilReady();
  return {
    latenciesMs,
    async waitFor(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (latenciesMs.length < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
