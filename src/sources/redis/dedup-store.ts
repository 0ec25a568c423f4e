import type { Redis } from 'ioredis';

/**
 * Dedup state in Redis, bounded by TTL: the first event of a fingerprint in
 * its window claims it for a run; later ones within the window add an
 * occurrence to that run instead of starting another. One small hash per
 * fingerprint (run id, count, first/last seen), so memory stays a few
 * hundred bytes per fingerprint however many alerts arrive.
 */
export type Claim =
  | { readonly kind: 'new'; readonly runId: string }
  | { readonly kind: 'duplicate'; readonly runId: string; readonly occurrences: number };

export interface DedupStore {
  claim(fingerprint: string, runId: string, windowMs: number, nowMs: number): Promise<Claim>;
  /** The run that holds the fingerprint now, if any (without claiming it). */
  holder(fingerprint: string): Promise<string | undefined>;
  /** Gives a claim back (e.g. the enqueue after it failed), only if it is still this run's. */
  release(fingerprint: string, runId: string): Promise<void>;
}

const claimScript = `
local run = redis.call('HGET', KEYS[1], 'r')
if run then
  local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
  redis.call('HSET', KEYS[1], 'l', ARGV[3])
  return {0, run, n}
end
redis.call('HSET', KEYS[1], 'r', ARGV[1], 'n', 1, 'f', ARGV[3], 'l', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, ARGV[1], 1}
`;

const releaseScript = `
if redis.call('HGET', KEYS[1], 'r') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export function createRedisDedupStore(redis: Redis, prefix: string): DedupStore {
  const key = (fingerprint: string) => `${prefix}dedup:${fingerprint}`;
  return {
    async claim(fingerprint, runId, windowMs, nowMs) {
      const [isNew, run, n] = (await redis.eval(
        claimScript,
        1,
        key(fingerprint),
        runId,
        String(windowMs),
        String(nowMs),
      )) as [number, string, number];
      return isNew === 1
        ? { kind: 'new', runId: run }
        : { kind: 'duplicate', runId: run, occurrences: n };
    },
    async holder(fingerprint) {
      return (await redis.hget(key(fingerprint), 'r')) ?? undefined;
    },
    async release(fingerprint, runId) {
      await redis.eval(releaseScript, 1, key(fingerprint), runId);
    },
  };
}
