import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  type RunJob,
  type RunQueue,
  type RunScheduler,
  unscheduledRunId,
} from '../../core/queue.ts';

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

/** Cron Sources as BullMQ job schedulers: one per Source, one job per tick across all replicas. */
export function createBullmqRunScheduler(
  connection: Redis,
  prefix: string,
): RunScheduler & { close(): Promise<void> } {
  const queue = new Queue<RunJob>(runsQueueName, { connection, prefix: `${prefix}bull` });
  return {
    async upsert(id, schedule, event) {
      await queue.upsertJobScheduler(
        id,
        { pattern: schedule.cron, tz: schedule.timezone },
        {
          name: 'run',
          data: { runId: unscheduledRunId, event },
          opts: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 2_000 },
            removeOnComplete: { age: 86_400, count: 10_000 },
            removeOnFail: { age: 7 * 86_400 },
          },
        },
      );
    },
    async remove(id) {
      await queue.removeJobScheduler(id);
    },
    async ids() {
      const schedulers = await queue.getJobSchedulers(0, -1);
      return schedulers.map((s) => s.key);
    },
    close: () => queue.close(),
  };
}
