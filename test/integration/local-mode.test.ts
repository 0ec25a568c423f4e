import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadLocalRegistry } from '../../src/adapters/config-dir/local-registry.ts';
import { createRedisRunStore } from '../../src/adapters/redis/redis-run-store.ts';
import { systemClock } from '../../src/core/ports.ts';
import { testRedis } from '../support/redis.ts';

/** Local mode: the examples load from files, and runs are kept in real Redis. */
const env = inject('testenv');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeAll(() => {
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'local-mode'));
});
afterAll(async () => {
  await cleanup();
});

describe('local mode', () => {
  it('loads the examples/ directory into a registry, validated by the CRD schemas', () => {
    const out = loadLocalRegistry(path.resolve('examples'), 'ops');
    if (!out.ok) throw new Error(JSON.stringify(out.problems, null, 2));
    expect(out.registry.workflows().length).toBeGreaterThanOrEqual(3);
    expect(out.registry.sourceForPath('/webhooks/ops/alertmanager')?.spec.type).toBe(
      'alertmanager',
    );
  });

  it('keeps WorkflowRuns in Redis: create, list newest first, concurrent status updates lose nothing', async () => {
    const out = loadLocalRegistry(path.resolve('examples'), 'ops');
    if (!out.ok) throw new Error('examples invalid');
    const workflow = out.registry.workflows()[0];
    if (workflow === undefined) throw new Error('no workflow');
    const a = createRedisRunStore(redis, prefix, systemClock);
    const b = createRedisRunStore(redis, prefix, systemClock); // a second process
    const trigger = { type: 'manual' as const, receivedAt: new Date().toISOString() };
    const first = await a.create({ workflow, trigger });
    await new Promise((r) => setTimeout(r, 5));
    const second = await a.create({ workflow, trigger });
    expect((await b.list({ namespace: 'ops' })).map((r) => r.metadata.name)).toEqual([
      second.metadata.name,
      first.metadata.name,
    ]);

    // 20 step updates from two stores at once: every step recorded.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).updateStatus('ops', first.metadata.name, (s) => ({
          ...s,
          phase: 'Running',
          steps: [...(s?.steps ?? []), { name: `step-${i}`, phase: 'Succeeded' }],
        })),
      ),
    );
    const got = await b.get('ops', first.metadata.name);
    expect(got?.status?.steps).toHaveLength(20);
    expect(await a.list({ namespace: 'ops', phase: 'Running' })).toHaveLength(1);
    await a.delete('ops', second.metadata.name);
    expect(await a.get('ops', second.metadata.name)).toBeUndefined();
    await a.close?.();
    await b.close?.();
  });
});
