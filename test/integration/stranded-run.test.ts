import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBullmqRunResumer } from '../../src/adapters/redis/bullmq-run-resumer.ts';
import { createRedisRunStore } from '../../src/adapters/redis/redis-run-store.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { ProposalRecord } from '../../src/core/remediation/proposal.ts';
import { resumeOrCloseStranded } from '../../src/core/remediation/stranded-run.ts';
import { testRedis } from '../support/redis.ts';

/**
 * The resumer as the lifecycle wires it, on real Redis: a run parked
 * AwaitingApproval whose job data is gone (parked data expired) cannot be
 * resumed by the runs queue, so a Dismiss finishes the run from the
 * proposal instead of leaving it AwaitingApproval.
 */
const env = inject('testenv');
let redis: Redis;
let bull: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeAll(() => {
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'stranded-run'));
  bull = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  bull.disconnect();
  await cleanup();
});

describe('a run whose parked job data is gone', () => {
  it('is closed when its proposal is dismissed: Succeeded, nothing was run', async () => {
    const runs = createRedisRunStore(redis, prefix, systemClock);
    const run = await runs.create({
      workflow: { metadata: { name: 'wf', namespace: 'ops', uid: 'u1' } },
      trigger: { type: 'manual', receivedAt: new Date().toISOString() },
    });
    const name = run.metadata.name;
    await runs.updateStatus('ops', name, () => ({
      phase: 'AwaitingApproval',
      steps: [{ name: 'fix', type: 'remediate', phase: 'AwaitingApproval' }],
    }));
    const queued = createBullmqRunResumer(bull, prefix);
    const dismissed: ProposalRecord = {
      id: `${name}-fix`,
      run: { namespace: 'ops', name, workflow: 'wf', step: 'fix' },
      action: 'rollout_restart',
      target: 'Deployment/ops/web',
      params: {},
      risk: 'low',
      requiredApprovals: 1,
      approvers: { users: [], userGroups: [] },
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      state: 'Dismissed',
      decidedBy: ['U9'],
      decidedAt: new Date().toISOString(),
      policy: { allowed: true, reasons: [] },
      approvals: [],
    };
    try {
      await expect(queued.resume(dismissed)).rejects.toMatchObject({ code: 'not_found' });
      await resumeOrCloseStranded(queued, runs, systemClock).resume(dismissed);
    } finally {
      await queued.close();
    }
    const closed = await runs.get('ops', name);
    expect(closed?.status).toMatchObject({
      phase: 'Succeeded',
      message: expect.stringContaining('dismissed by U9; nothing was run'),
      steps: [{ name: 'fix', phase: 'Cancelled' }],
    });
  });
});
