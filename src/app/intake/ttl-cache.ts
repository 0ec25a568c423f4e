import type { Clock } from '../../core/ports.ts';

/**
 * A small cache of lookups against the API server: answers (also
 * negative ones) live `ttlMs`, at most `maxEntries` (oldest evicted), and
 * concurrent lookups of one key share one request.
 */
export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
}

export function createTtlCache<V>(clock: Clock, ttlMs: number, maxEntries = 10_000): TtlCache<V> {
  const entries = new Map<string, { readonly at: number; readonly value: Promise<V> }>();
  return {
    get(key, load) {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit !== undefined && now - hit.at < ttlMs) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { at: now, value });
      // A failed lookup is not remembered: the next event asks again.
      value.catch(() => entries.delete(key));
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return value;
    },
  };
}
