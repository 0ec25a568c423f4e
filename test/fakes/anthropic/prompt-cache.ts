import { createHash } from 'node:crypto';
import type { CacheableUnit } from './cacheable-units.ts';

/** How a request's input tokens split between the cache and the rest, as `usage` reports it. */
export interface InputAccount {
  readonly inputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly ephemeral5mInputTokens: number;
  readonly ephemeral1hInputTokens: number;
}

export interface PromptCacheOptions {
  /** Prefixes shorter than this are never cached (1024 for Sonnet and Opus in the real API). */
  readonly minCacheableTokens: number;
  readonly now: () => number;
}

export interface PromptCache {
  account(model: string, units: readonly CacheableUnit[]): InputAccount;
}

interface Prefix {
  readonly key: string;
  readonly tokens: number;
}

interface Breakpoint extends Prefix {
  readonly ttl: '5m' | '1h';
}

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
/** Block boundaries the real API checks for a hit, counting back from each breakpoint. */
const LOOKBACK_BLOCKS = 20;

/**
 * Simulated prompt caching, like the real API: the longest cached prefix that
 * ends within 20 blocks before (or at) a `cache_control` breakpoint is read;
 * every breakpoint prefix beyond it is written; the rest is plain input.
 * Caches are per model and expire after their TTL, refreshed by each hit.
 */
export function createPromptCache(options: PromptCacheOptions): PromptCache {
  const expiries = new Map<string, number>();
  const isLive = (prefix: Prefix): boolean =>
    prefix.tokens >= options.minCacheableTokens && (expiries.get(prefix.key) ?? 0) > options.now();
  const store = (prefix: Prefix, ttl: '5m' | '1h'): void => {
    expiries.set(prefix.key, Math.max(expiries.get(prefix.key) ?? 0, options.now() + TTL_MS[ttl]));
  };

  return {
    account(model, units) {
      const prefixes = prefixesOf(model, units);
      const points = breakpointsOf(prefixes, units);
      const hit = lookbackCandidates(prefixes, units).filter(isLive).at(-1);
      const read = hit?.tokens ?? 0;
      const written = points.filter(
        (point) => point.tokens > read && point.tokens >= options.minCacheableTokens,
      );
      if (hit !== undefined) store(hit, '5m');
      for (const point of written) store(point, point.ttl);
      const perTtl = writtenPerTtl(written, read);
      const created = perTtl['5m'] + perTtl['1h'];
      const total = prefixes.at(-1)?.tokens ?? 0;
      return {
        inputTokens: total - read - created,
        cacheCreationInputTokens: created,
        cacheReadInputTokens: read,
        ephemeral5mInputTokens: perTtl['5m'],
        ephemeral1hInputTokens: perTtl['1h'],
      };
    },
  };
}

/** The prefix ending after each unit: a chained hash of the model and the units so far, and its tokens. */
function prefixesOf(model: string, units: readonly CacheableUnit[]): Prefix[] {
  let key = createHash('sha256').update(model).digest('hex');
  let tokens = 0;
  return units.map((unit) => {
    key = createHash('sha256').update(key).update(unit.fingerprint).digest('hex');
    tokens += unit.tokens;
    return { key, tokens };
  });
}

function breakpointsOf(prefixes: readonly Prefix[], units: readonly CacheableUnit[]): Breakpoint[] {
  return units.flatMap((unit, index) => {
    const prefix = prefixes[index];
    return unit.breakpoint === undefined || prefix === undefined
      ? []
      : [{ ...prefix, ttl: unit.breakpoint }];
  });
}

/** Prefixes ending at most LOOKBACK_BLOCKS blocks before a breakpoint, shortest first. */
function lookbackCandidates(
  prefixes: readonly Prefix[],
  units: readonly CacheableUnit[],
): Prefix[] {
  return prefixes.filter((_prefix, index) =>
    units.some(
      (unit, breakpointAt) =>
        unit.breakpoint !== undefined &&
        breakpointAt >= index &&
        breakpointAt - index < LOOKBACK_BLOCKS,
    ),
  );
}

/** Each written segment (from the previous breakpoint to this one) counts under this one's TTL. */
function writtenPerTtl(written: readonly Breakpoint[], read: number): Record<'5m' | '1h', number> {
  const perTtl = { '5m': 0, '1h': 0 };
  let start = read;
  for (const point of written) {
    perTtl[point.ttl] += point.tokens - start;
    start = point.tokens;
  }
  return perTtl;
}
