import type { Redis } from 'ioredis';
import { luaScript } from './lua-script.ts';

/**
 * A token bucket per Source in Redis, shared by every ingest replica: `rate`
 * tokens a second up to `burst`. Refused events are counted (and the count
 * is readable) so they can be summarised, never dropped silently.
 */
export interface RateDecision {
  readonly allowed: boolean;
  readonly remaining: number;
  /** Events refused for this bucket since the counter last rolled over. */
  readonly refused: number;
}

export interface RateLimiter {
  take(bucket: string, rate: number, burst: number, nowMs: number): Promise<RateDecision>;
}

/** The bucket as a Lua function, shared with the ingest gate's script (same keys, same rules). */
export const takeLua = `
local function take(bucket, refusedKey, rate, burst, now)
  local state = redis.call('HMGET', bucket, 't', 'ts')
  local tokens = tonumber(state[1]) or burst
  local ts = tonumber(state[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
  local allowed = 0
  if tokens >= 1 then
    tokens = tokens - 1
    allowed = 1
  end
  redis.call('HSET', bucket, 't', tostring(tokens), 'ts', now)
  redis.call('PEXPIRE', bucket, math.ceil(burst / rate * 1000) + 1000)
  local refused = tonumber(redis.call('GET', refusedKey) or '0')
  if allowed == 0 then
    refused = redis.call('INCR', refusedKey)
    redis.call('PEXPIRE', refusedKey, 3600000)
  end
  return allowed, math.floor(tokens), refused
end
`;

/** The keys of a bucket: its state and its refused counter. */
export const bucketKeys = (prefix: string, bucket: string): [string, string] => [
  `${prefix}rate:${bucket}`,
  `${prefix}rate:${bucket}:refused`,
];

const takeScript = `${takeLua}
return {take(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))}
`;

export function createRedisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  const take = luaScript(redis, takeScript);
  return {
    async take(bucket, rate, burst, nowMs) {
      const keys = bucketKeys(prefix, bucket);
      const [allowed, remaining, refused] = (await take(keys, [rate, burst, nowMs])) as [
        number,
        number,
        number,
      ];
      return { allowed: allowed === 1, remaining, refused };
    },
  };
}
