import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunJob, RunQueue } from '../../core/queue.ts';

/** The runs queue on BullMQ. The job id is the run id (idempotent enqueue). */
export const runsQueueName = 'runs';

export function createBullmqRunQueue(connection: Redis, prefix: string): RunQueue {
  const queue = new Queue<RunJob>(runsQueueName, { connection, prefix: `${prefix}bull` });
  return {
    async enqueue(job) {
      await queue.add('run', job, {
        jobId: job.runId,
        attempts: 3,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    close: () => queue.close(),
  };
}
