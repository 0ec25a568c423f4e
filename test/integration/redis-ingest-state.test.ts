import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisDedupStore } from '../../src/sources/redis/dedup-store.ts';
import { createRedisRateLimiter } from '../../src/sources/redis/rate-limiter.ts';
import { testRedis } from '../support/redis.ts';

/** Dedup claims and rate limits against real Redis. */
const env = inject('testenv');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeAll(() => {
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'ingest-state'));
});
afterAll(async () => {
  await cleanup();
});

describe('dedup store', () => {
  it('gives the first event of a fingerprint a run and counts the rest as occurrences', async () => {
    const store = createRedisDedupStore(redis, prefix);
    expect(await store.claim('fp-1', 'run-a', 60_000, 1_000)).toEqual({
      kind: 'new',
      runId: 'run-a',
    });
    expect(await store.claim('fp-1', 'run-b', 60_000, 2_000)).toEqual({
      kind: 'duplicate',
      runId: 'run-a',
      occurrences: 2,
    });
    expect(await store.claim('fp-1', 'run-c', 60_000, 3_000)).toEqual({
      kind: 'duplicate',
      runId: 'run-a',
      occurrences: 3,
    });
    expect(await store.claim('fp-2', 'run-d', 60_000, 3_000)).toEqual({
      kind: 'new',
      runId: 'run-d',
    });
  });

  it('forgets a fingerprint when its window ends (TTL), so memory stays bounded', async () => {
    const store = createRedisDedupStore(redis, prefix);
    await store.claim('short', 'run-1', 200, 0);
    expect(await redis.pttl(`${prefix}dedup:short`)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.claim('short', 'run-2', 200, 0)).toEqual({ kind: 'new', runId: 'run-2' });
  });

  it('gives a claim back only to the run that holds it', async () => {
    const store = createRedisDedupStore(redis, prefix);
    await store.claim('rel', 'run-x', 60_000, 0);
    await store.release('rel', 'run-other');
    expect((await store.claim('rel', 'run-y', 60_000, 0)).kind).toBe('duplicate');
    await store.release('rel', 'run-x');
    expect(await store.claim('rel', 'run-z', 60_000, 0)).toEqual({ kind: 'new', runId: 'run-z' });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const store = createRedisDedupStore(redis, prefix);
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.claim('race', `run-${i}`, 60_000, 0)),
    );
    expect(claims.filter((c) => c.kind === 'new')).toHaveLength(1);
    expect(Math.max(...claims.map((c) => (c.kind === 'duplicate' ? c.occurrences : 1)))).toBe(50);
  });
});

describe('rate limiter', () => {
  it('allows a burst, then refuses and counts, then refills with time', async () => {
    const limiter = createRedisRateLimiter(redis, prefix);
    const at0 = await Promise.all([1, 2, 3, 4, 5].map(() => limiter.take('src', 2, 3, 10_000)));
    expect(at0.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(at0[4]?.refused).toBe(2);
    // 1 s later at 2/s: two tokens back.
    const later = await Promise.all([1, 2, 3].map(() => limiter.take('src', 2, 3, 11_000)));
    expect(later.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(later[2]?.refused).toBe(3);
  });

  it('keeps buckets apart', async () => {
    const limiter = createRedisRateLimiter(redis, prefix);
    expect((await limiter.take('a', 1, 1, 0)).allowed).toBe(true);
    expect((await limiter.take('a', 1, 1, 0)).allowed).toBe(false);
    expect((await limiter.take('b', 1, 1, 0)).allowed).toBe(true);
  });
});
