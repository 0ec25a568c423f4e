import * as k8s from '@kubernetes/client-node';
import type { Clock } from '../../core/ports.ts';
import type { SecretReader } from '../../sources/webhooks/webhook-auth.ts';

/**
 * Reads webhook credentials from Secrets, cached briefly so a burst of
 * alerts costs one API call. This is the operator's own read of the
 * Secrets its Sources name; the agent's tools never read Secret data.
 */
export function createKubeSecretReader(
  core: k8s.CoreV1Api,
  clock: Clock,
  ttlMs = 30_000,
): SecretReader {
  const cache = new Map<string, { at: number; data: Record<string, string> | undefined }>();
  return {
    async read(namespace, name, key) {
      const id = `${namespace}/${name}`;
      const now = clock.now().getTime();
      let entry = cache.get(id);
      if (entry === undefined || now - entry.at > ttlMs) {
        let data: Record<string, string> | undefined;
        try {
          data = (await core.readNamespacedSecret({ name, namespace })).data;
        } catch (err) {
          if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
        }
        entry = { at: now, data };
        cache.set(id, entry);
      }
      const encoded = entry.data?.[key];
      return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
    },
  };
}
