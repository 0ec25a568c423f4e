import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runsQueueName } from '../../src/adapters/redis/bullmq-run-queue.ts';

/** What a phase left in Redis: its BullMQ jobs, its dedup keys' memory; and the cleanup. */
export async function countJobs(redis: Redis, prefix: string): Promise<number> {
  const queue = new Queue(runsQueueName, { connection: redis, prefix: `${prefix}bull` });
  try {
    const counts = await queue.getJobCounts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
  }
}

export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

export interface DedupMemory {
  readonly keys: number;
  readonly bytes: number;
}

/** Sum of MEMORY USAGE (key, value and object overhead, as Redis counts it) over the dedup keys. */
export async function dedupMemory(redis: Redis, prefix: string): Promise<DedupMemory> {
  const keys = await scanKeys(redis, `${prefix}dedup:*`);
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const replies = (await pipeline.exec()) ?? [];
  let bytes = 0;
  for (const [err, value] of replies) {
    if (err) throw err;
    bytes += Number(value);
  }
  return { keys: keys.length, bytes };
}

/** Deletes every key under the prefix (SCAN + UNLINK; never FLUSHALL, the Redis is shared). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  const keys = await scanKeys(redis, `${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  return keys.length;
}
