import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { WorkflowRunStatus } from '../resources/workflow-run.ts';
import { noRunEvents } from '../run-events.ts';
import type { RunStore } from '../run-store.ts';
import type { ProposalStore, RunResumer } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';
import { closeStrandedRun, resumeOrCloseStranded } from './stranded-run.ts';
import { sweepProposals } from './sweep.ts';

/**
 * A run stopped AwaitingApproval whose saved job data is gone: when its
 * proposal ends (dismissed, expired, or run), the run is finished from the
 * proposal instead of staying AwaitingApproval; the sweep that expires such
 * proposals goes on past one that fails.
 */
const now = new Date('2026-11-22T09:00:00Z');
const clock = { now: () => now };

const proposal = (over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id: 'run-1-fix',
  run: { namespace: 'shop', name: 'run-1', workflow: 'wf', step: 'fix' },
  action: 'scale',
  target: 'Deployment/shop/web',
  params: { replicas: 3 },
  risk: 'medium',
  requiredApprovals: 1,
  approvers: { users: [], userGroups: [] },
  createdAt: '2026-11-22T08:00:00Z',
  expiresAt: '2026-11-22T08:30:00Z',
  state: 'Proposed',
  policy: { allowed: true, reasons: [] },
  approvals: [],
  ...over,
});

const awaiting = (): WorkflowRunStatus => ({
  phase: 'AwaitingApproval',
  steps: [
    { name: 'look', phase: 'Succeeded', finishedAt: '2026-11-22T08:00:00Z' },
    { name: 'fix', type: 'remediate', phase: 'AwaitingApproval' },
  ],
});

/** The RunStore port in memory (the Kubernetes and Redis adapters have their own tests). */
function memoryRuns(statuses: Record<string, WorkflowRunStatus>): RunStore {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    create: unused,
    get: unused,
    list: unused,
    delete: unused,
    async updateStatus(namespace, name, mutate) {
      const key = `${namespace}/${name}`;
      const next = mutate(statuses[key]);
      statuses[key] = next;
      return next;
    },
  };
}

const gone: RunResumer = {
  resume: () => Promise.reject(new AppError('not_found', 'run run-1 cannot resume: gone')),
};

describe('resumeOrCloseStranded', () => {
  it('closes a run whose dismissed proposal cannot resume it: Succeeded, nothing was run', async () => {
    const statuses = { 'shop/run-1': awaiting() };
    const closed: boolean[] = [];
    const resumer = resumeOrCloseStranded(gone, memoryRuns(statuses), clock, (_p, c) =>
      closed.push(c),
    );
    await resumer.resume(proposal({ state: 'Dismissed', decidedBy: ['U7'] }));
    const status = statuses['shop/run-1'];
    expect(status).toMatchObject({
      phase: 'Succeeded',
      finishedAt: now.toISOString(),
      message: expect.stringMatching(
        /^remediation scale on Deployment\/shop\/web dismissed by U7; nothing was run \(its saved job data is gone/,
      ),
    });
    expect(status?.steps?.[1]).toMatchObject({ name: 'fix', phase: 'Cancelled' });
    expect(status?.steps?.[0]).toMatchObject({ name: 'look', phase: 'Succeeded' });
    expect(closed).toEqual([true]);

    // Announced again (a retried job): the run is no longer waiting; nothing changes.
    await resumer.resume(proposal({ state: 'Dismissed', decidedBy: ['U7'] }));
    expect(statuses['shop/run-1']).toEqual(status);
    expect(closed).toEqual([true, false]);
  });

  it('fails the run when the action failed, or ran but the steps after it cannot', async () => {
    const statuses = { 'shop/run-1': awaiting(), 'shop/run-2': awaiting() };
    const resumer = resumeOrCloseStranded(gone, memoryRuns(statuses), clock);
    await resumer.resume(
      proposal({ state: 'RolledBack', outcome: { message: 'timed out', at: '' } }),
    );
    expect(statuses['shop/run-1']).toMatchObject({ phase: 'Failed' });
    expect(statuses['shop/run-1']?.steps?.[1]).toMatchObject({
      phase: 'Failed',
      error: 'scale on Deployment/shop/web was rolled back: timed out',
    });
    const ran = proposal({
      state: 'Succeeded',
      run: { namespace: 'shop', name: 'run-2', workflow: 'wf', step: 'fix' },
      outcome: { message: 'verified', at: '' },
    });
    await resumer.resume(ran);
    expect(statuses['shop/run-2']).toMatchObject({
      phase: 'Failed',
      message: expect.stringContaining('; the steps after it did not run'),
    });
    expect(statuses['shop/run-2']?.steps?.[1]).toMatchObject({ phase: 'Succeeded' });
  });

  it('rethrows any other failure, so the caller retries, and leaves the run waiting', async () => {
    const statuses = { 'shop/run-1': awaiting() };
    const down: RunResumer = { resume: () => Promise.reject(new Error('redis down')) };
    const resumer = resumeOrCloseStranded(down, memoryRuns(statuses), clock);
    await expect(resumer.resume(proposal({ state: 'Expired' }))).rejects.toThrow('redis down');
    expect(statuses['shop/run-1']?.phase).toBe('AwaitingApproval');
  });

  it('changes nothing for a proposal that has not ended', async () => {
    const statuses = { 'shop/run-1': awaiting() };
    expect(await closeStrandedRun(memoryRuns(statuses), proposal(), now)).toBe(false);
    expect(statuses['shop/run-1']).toEqual(awaiting());
  });
});

describe('sweepProposals', () => {
  function store(records: ProposalRecord[]): ProposalStore {
    const byId = new Map(records.map((r) => [r.id, r]));
    const no = () => Promise.reject(new Error('not used'));
    return {
      create: no,
      get: async (id) => byId.get(id),
      async update(id, mutate) {
        const current = byId.get(id);
        if (current === undefined) return undefined;
        const { next, value } = mutate(current);
        if (next !== undefined) byId.set(id, next);
        return { value };
      },
      due: async () => ({ expired: [...byId.keys()], approved: [] }),
      claimTarget: no,
      releaseTarget: no,
      holderOf: no,
      markRan: no,
      lastRan: no,
      lease: no,
      releaseLease: no,
    };
  }

  it('expires every overdue proposal: one whose run is gone is closed, one whose resume fails is reported, the rest go on', async () => {
    const run = (name: string) => ({ namespace: 'shop', name, workflow: 'wf', step: 'fix' });
    const records = [
      proposal({ id: 'a', run: run('run-a') }),
      proposal({ id: 'b', run: run('run-b') }),
      proposal({ id: 'c', run: run('run-c') }),
    ];
    const statuses = {
      'shop/run-a': awaiting(),
      'shop/run-b': awaiting(),
      'shop/run-c': awaiting(),
    };
    const resumed: string[] = [];
    const flaky: RunResumer = {
      async resume(p) {
        if (p.id === 'a') throw new AppError('not_found', 'gone');
        if (p.id === 'b') throw new Error('queue unavailable');
        resumed.push(p.id);
      },
    };
    const errors: string[] = [];
    const result = await sweepProposals(
      {
        store: store(records),
        queue: { enqueue: async () => undefined },
        audit: { record: async () => undefined },
        events: noRunEvents,
        resumer: resumeOrCloseStranded(flaky, memoryRuns(statuses), clock),
        clock,
        onError: (err, what) => errors.push(`${what}: ${(err as Error).message}`),
      },
      now,
    );
    expect(result).toEqual({ expired: 2, requeued: 0 });
    expect(statuses['shop/run-a']).toMatchObject({
      phase: 'Succeeded',
      message: expect.stringContaining('expired at 2026-11-22T08:30:00Z without a decision'),
    });
    expect(errors).toEqual(['sweep of b: queue unavailable']);
    expect(resumed).toEqual(['c']);
  });
});
