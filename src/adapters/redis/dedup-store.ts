import type { Redis } from 'ioredis';
import { luaScript } from './lua-script.ts';

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

/** A claim as a Lua function, shared with the ingest gate's script (same keys, same rules). */
export const claimLua = `
local function claim(key, run, window, now)
  local held = redis.call('HMGET', key, 'r', 'n')
  if held[1] then
    local n = (tonumber(held[2]) or 0) + 1
    redis.call('HSET', key, 'n', n, 'l', now)
    return 0, held[1], n
  end
  redis.call('HSET', key, 'r', run, 'n', 1, 'f', now, 'l', now)
  redis.call('PEXPIRE', key, window)
  return 1, run, 1
end
`;

export const dedupKey = (prefix: string, fingerprint: string) => `${prefix}dedup:${fingerprint}`;

const claimScript = `${claimLua}
return {claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3])}
`;

const releaseScript = `
if redis.call('HGET', KEYS[1], 'r') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export function createRedisDedupStore(redis: Redis, prefix: string): DedupStore {
  const key = (fingerprint: string) => dedupKey(prefix, fingerprint);
  const claim = luaScript(redis, claimScript);
  const release = luaScript(redis, releaseScript);
  return {
    async claim(fingerprint, runId, windowMs, nowMs) {
      const [isNew, run, n] = (await claim([key(fingerprint)], [runId, windowMs, nowMs])) as [
        number,
        string,
        number,
      ];
      return isNew === 1
        ? { kind: 'new', runId: run }
        : { kind: 'duplicate', runId: run, occurrences: n };
    },
    async holder(fingerprint) {
      return (await redis.hget(key(fingerprint), 'r')) ?? undefined;
    },
    async release(fingerprint, runId) {
      await release([key(fingerprint)], [runId]);
    },
  };
}
