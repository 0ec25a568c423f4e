import type { Clock, ClusterPort } from '../../core/ports.ts';
import { createTtlCache } from './ttl-cache.ts';

/**
 * A namespace's environment: the value of a label on it (the Source says
 * which), read through the ClusterPort and cached briefly. Unknown (no
 * such namespace, no label, API error) is undefined: an event is never
 * held up or refused because it could not be classified.
 */
export interface NamespaceEnvironments {
  environmentOf(namespace: string, label: string): Promise<string | undefined>;
}

export function createNamespaceEnvironments(
  cluster: Pick<ClusterPort, 'get'>,
  clock: Clock,
  ttlMs = 60_000,
): NamespaceEnvironments {
  const cache = createTtlCache<Readonly<Record<string, string>>>(clock, ttlMs);
  const labelsOf = async (namespace: string) =>
    (await cluster.get('Namespace', namespace))?.metadata.labels ?? {};
  return {
    async environmentOf(namespace, label) {
      try {
        const labels = await cache.get(namespace, () => labelsOf(namespace));
        return labels[label];
      } catch {
        return undefined;
      }
    },
  };
}
