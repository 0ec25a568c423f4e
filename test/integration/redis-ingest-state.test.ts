import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisDedupStore } from '../../src/adapters/redis/dedup-store.ts';
import { createRedisIngestGate, type GateRequest } from '../../src/adapters/redis/ingest-gate.ts';
import { luaScript } from '../../src/adapters/redis/lua-script.ts';
import { createRedisRateLimiter } from '../../src/adapters/redis/rate-limiter.ts';
import { testRedis } from '../support/redis.ts';

/** Dedup claims, rate limits and the ingest gate that does both at once, against real Redis. */
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

describe('ingest gate', () => {
  const request = (bucket: string, events: GateRequest['events'], nowMs = 0): GateRequest => ({
    bucket,
    rate: 1,
    burst: 2,
    windowMs: 60_000,
    nowMs,
    events,
  });

  it('claims new fingerprints, joins duplicates and reads the holder of resolved ones, in one call', async () => {
    const gate = createRedisIngestGate(redis, prefix);
    const first = await gate.admit(
      request('g1', [
        { fingerprint: 'gate-a', runId: 'run-a' },
        { fingerprint: 'gate-a', runId: 'run-a2' },
        { fingerprint: 'gate-b' },
      ]),
    );
    expect(first).toEqual({
      allowed: true,
      results: [
        { kind: 'new', runId: 'run-a' },
        { kind: 'duplicate', runId: 'run-a', occurrences: 2 },
        { kind: 'holder', runId: undefined },
      ],
    });
    const second = await gate.admit(request('g1', [{ fingerprint: 'gate-a' }]));
    expect(second).toEqual({ allowed: true, results: [{ kind: 'holder', runId: 'run-a' }] });
  });

  it('claims nothing for a request the rate limit refuses, and counts it', async () => {
    const gate = createRedisIngestGate(redis, prefix);
    await gate.admit(request('g2', [{ fingerprint: 'gate-c', runId: 'run-c1' }]));
    await gate.admit(request('g2', [{ fingerprint: 'gate-c', runId: 'run-c2' }]));
    const refused = await gate.admit(request('g2', [{ fingerprint: 'gate-d', runId: 'run-d' }]));
    expect(refused).toEqual({ allowed: false, refused: 1 });
    const store = createRedisDedupStore(redis, prefix);
    expect(await store.holder('gate-d')).toBeUndefined();
  });

  it('shares its claims with the dedup store, which can give one back', async () => {
    const gate = createRedisIngestGate(redis, prefix);
    const store = createRedisDedupStore(redis, prefix);
    await gate.admit(request('g3', [{ fingerprint: 'gate-e', runId: 'run-e' }]));
    expect(await store.holder('gate-e')).toBe('run-e');
    await store.release('gate-e', 'run-e');
    const again = await gate.admit(request('g3', [{ fingerprint: 'gate-e', runId: 'run-e2' }]));
    expect(again).toEqual({ allowed: true, results: [{ kind: 'new', runId: 'run-e2' }] });
  });

  it('answers each of many concurrent requests (sent to Redis together) on its own', async () => {
    const gate = createRedisIngestGate(redis, prefix);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gate.admit({
          ...request(`g4-${i % 4}`, [{ fingerprint: `gate-f${i % 10}`, runId: `run-f${i}` }]),
          rate: 100,
          burst: 100,
        }),
      ),
    );
    // Sent in order, so the first of each fingerprint wins and each answer is its own.
    expect(outcomes).toEqual(
      Array.from({ length: 40 }, (_, i) => ({
        allowed: true,
        results: [
          i < 10
            ? { kind: 'new', runId: `run-f${i}` }
            : { kind: 'duplicate', runId: `run-f${i % 10}`, occurrences: Math.floor(i / 10) + 1 },
        ],
      })),
    );
  });
  it('splits a turn of requests holding many keys over several calls, answering each', async () => {
    const gate = createRedisIngestGate(redis, prefix);
    const big = (r: number) =>
      gate.admit({
        ...request(`g5-${r}`, []),
        events: Array.from({ length: 800 }, (_, i) => ({
          fingerprint: `gate-big-${r}-${i}`,
          runId: `run-big-${r}-${i}`,
        })),
      });
    const outcomes = await Promise.all([0, 1, 2].map(big));
    for (const [r, outcome] of outcomes.entries()) {
      expect(outcome.allowed).toBe(true);
      const results = outcome.allowed ? outcome.results : [];
      expect(results).toHaveLength(800);
      expect(results[799]).toEqual({ kind: 'new', runId: `run-big-${r}-799` });
    }
  });
});

describe('lua scripts', () => {
  it('load themselves when Redis does not know them (NOSCRIPT)', async () => {
    // A script text no one has run yet, so its EVALSHA meets NOSCRIPT first.
    const source = `-- ${randomBytes(8).toString('hex')}\nreturn ARGV[1] .. KEYS[1]`;
    const key = `${prefix}lua`;
    const script = luaScript(redis, source);
    expect(await script([key], ['a:'])).toBe(`a:${key}`);
    expect(await script([key], ['b:'])).toBe(`b:${key}`);
  });
});
