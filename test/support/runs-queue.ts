import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunJob } from '../../src/core/queue.ts';
import { runsQueueName } from '../../src/sources/queue/bullmq-run-queue.ts';

/** The BullMQ queue the ingest path enqueues runs on, under a test's Redis prefix, to read its jobs. */
export function runsQueue(redis: Redis, prefix: string): Queue<RunJob> {
  return new Queue<RunJob>(runsQueueName, { connection: redis, prefix: `${prefix}bull` });
}
