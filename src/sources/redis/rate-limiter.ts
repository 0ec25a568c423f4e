import type { Redis } from 'ioredis';

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

const takeScript = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
local refused = tonumber(redis.call('GET', KEYS[2]) or '0')
if allowed == 0 then
  refused = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], 3600000)
end
return {allowed, math.floor(tokens), refused}
`;

export function createRedisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async take(bucket, rate, burst, nowMs) {
      const keys = [`${prefix}rate:${bucket}`, `${prefix}rate:${bucket}:refused`];
      const [allowed, remaining, refused] = (await redis.eval(
        takeScript,
        2,
        ...keys,
        String(rate),
        String(burst),
        String(nowMs),
      )) as [number, number, number];
      return { allowed: allowed === 1, remaining, refused };
    },
  };
}
