import type { Redis } from 'ioredis';
import { parseResource, type Source } from '../../src/core/resources/index.ts';
import type { SecretReader } from '../../src/sources/webhooks/webhook-auth.ts';
import { type IngestHarness, startIngest } from '../../test/support/ingest.ts';

/**
 * One bench phase's ingest: the real server, Redis dedup and rate limit and
 * BullMQ queue (test/support/ingest.ts) under the phase's own key prefix,
 * with `sources` alertmanager Sources behind a bearer token. A Source's
 * rate limit is at most 1,000 events/s (burst 10,000) by its schema, so the
 * load is spread over several Sources for the bucket never to refuse — the
 * token bucket still runs on every request.
 */
export const benchNamespace = 'bench';
export const benchToken = 'bench-token-7c1e';

export const inMemorySecrets: SecretReader = {
  read: async (namespace, name, key) =>
    namespace === benchNamespace && name === 'am-token' && key === 'token' ? benchToken : undefined,
};

export interface PhaseIngest {
  readonly harness: IngestHarness;
  readonly prefix: string;
  readonly port: number;
  readonly paths: readonly string[];
}

function benchSource(name: string, dedupKey: 'group' | 'alert'): Source {
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name, namespace: benchNamespace },
    spec: {
      type: 'alertmanager',
      workflowRef: { name: 'triage' },
      auth: { type: 'bearer', secretKeyRef: { name: 'am-token', key: 'token' } },
      dedup: { key: dedupKey, window: '30m' },
      rateLimit: { eventsPerSecond: 1000, burst: 10_000 },
    },
  });
  if (!parsed.ok || parsed.resource.kind !== 'Source')
    throw new Error(`bench Source ${name} does not parse: ${JSON.stringify(parsed)}`);
  return parsed.resource;
}

export async function startPhaseIngest(
  redis: Redis,
  runPrefix: string,
  phase: string,
  sources = 10,
): Promise<PhaseIngest> {
  const prefix = `${runPrefix}${phase}:`;
  const harness = await startIngest(redis, prefix, inMemorySecrets);
  const paths: string[] = [];
  for (let i = 0; i < sources; i += 1) {
    const name = `${phase}-${i}`;
    harness.registry.put(benchSource(name, 'group'));
    paths.push(`/webhooks/${benchNamespace}/${name}`);
  }
  return { harness, prefix, port: Number(new URL(harness.url).port), paths };
}
