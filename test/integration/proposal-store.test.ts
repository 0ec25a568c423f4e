import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisProposalStore } from '../../src/adapters/redis/proposal-store.ts';
import type { ProposalRecord } from '../../src/core/remediation/proposal.ts';
import { testRedis } from '../support/redis.ts';

/** The proposal store on real Redis: compare-and-set across connections, locks, marks, TTLs. */
const env = inject('testenv');
let redis: ReturnType<typeof testRedis>;
let one: ReturnType<typeof createRedisProposalStore>;
let two: ReturnType<typeof createRedisProposalStore>;
const connections: ReturnType<typeof testRedis>['redis'][] = [];

const record = (id: string, over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id,
  run: { namespace: 'shop', name: 'run-1', workflow: 'wf', step: 'fix' },
  action: 'scale',
  target: 'Deployment/shop/web',
  params: { replicas: 3 },
  risk: 'medium',
  requiredApprovals: 2,
  approvers: { users: [], userGroups: [] },
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  state: 'Proposed',
  policy: { allowed: true, reasons: [] },
  approvals: [],
  ...over,
});

beforeAll(() => {
  redis = testRedis(env.REDIS_URL, 'proposals');
  connections.push(redis.redis.duplicate(), redis.redis.duplicate());
  const [a, b] = connections;
  if (a === undefined || b === undefined) throw new Error('no connections');
  one = createRedisProposalStore(a, redis.prefix, { retentionMs: 60_000 });
  two = createRedisProposalStore(b, redis.prefix, { retentionMs: 60_000 });
});

afterAll(async () => {
  await one?.close();
  await two?.close();
  for (const c of connections) c.disconnect();
  await redis?.cleanup();
});

describe('redis proposal store', () => {
  it('creates once, keeps the record for its expiry plus the retention', async () => {
    expect(await one.create(record('p-create'))).toBe(true);
    expect(await two.create(record('p-create', { action: 'rollback' }))).toBe(false);
    expect((await two.get('p-create'))?.action).toBe('scale');
    const ttl = await redis.redis.pttl(`${redis.prefix}proposal:p-create`);
    expect(ttl).toBeGreaterThan(100_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('loses no update when two processes change the record at once', async () => {
    await one.create(record('p-race'));
    const approve = (store: typeof one, by: string) =>
      store.update('p-race', (r) => ({
        next: { ...r, approvals: [...r.approvals, { by, at: new Date().toISOString() }] },
        value: undefined,
      }));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => approve(i % 2 === 0 ? one : two, `U${i}`)),
    );
    expect((await one.get('p-race'))?.approvals).toHaveLength(20);
  });

  it('indexes overdue Proposed records and Approved ones for the sweep', async () => {
    await one.create(record('p-old', { expiresAt: new Date(Date.now() - 1_000).toISOString() }));
    await one.create(record('p-ok', { state: 'Approved' }));
    const due = await two.due(new Date());
    expect(due.expired).toContain('p-old');
    expect(due.expired).not.toContain('p-ok');
    expect(due.approved).toContain('p-ok');
    await one.update('p-ok', (r) => ({ next: { ...r, state: 'Executing' }, value: undefined }));
    expect((await two.due(new Date())).approved).not.toContain('p-ok');
  });

  it('lets one proposal at a time hold a target, and only the holder release it', async () => {
    const target = 'Deployment/shop/locked';
    expect(await one.claimTarget(target, 'p-a', 5_000)).toBeUndefined();
    expect(await two.claimTarget(target, 'p-b', 5_000)).toBe('p-a');
    await two.releaseTarget(target, 'p-b');
    expect(await one.holderOf(target)).toBe('p-a');
    await one.releaseTarget(target, 'p-a');
    expect(await two.claimTarget(target, 'p-b', 5_000)).toBeUndefined();
  });

  it('gives the execution lease to one token, and forgets cooldown marks after their TTL', async () => {
    expect(await one.lease('p-l', 'worker-1', 5_000)).toBe(true);
    expect(await two.lease('p-l', 'worker-2', 5_000)).toBe(false);
    expect(await one.lease('p-l', 'worker-1', 5_000)).toBe(true);
    await one.releaseLease('p-l', 'worker-1');
    expect(await two.lease('p-l', 'worker-2', 5_000)).toBe(true);
    await one.markRan('scale', 'Deployment/shop/web', '2026-11-22T08:00:00Z', 300);
    expect(await two.lastRan('scale', 'Deployment/shop/web')).toBe('2026-11-22T08:00:00Z');
    await sleep(500);
    expect(await two.lastRan('scale', 'Deployment/shop/web')).toBeUndefined();
  });
});
