import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runsQueueName } from '../../src/adapters/redis/bullmq-run-queue.ts';
import type { RunJob } from '../../src/core/queue.ts';

/** The BullMQ queue the ingest path enqueues runs on, under a test's Redis prefix, to read its jobs. */
export function runsQueue(redis: Redis, prefix: string): Queue<RunJob> {
  return new Queue<RunJob>(runsQueueName, { connection: redis, prefix: `${prefix}bull` });
}
