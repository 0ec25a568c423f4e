import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../run-events.ts';
import type { ActionExecutor, ActionRequest, VerifyResult } from './action-executor.ts';
import { executeProposal, ProposalBusyError } from './execute-proposal.ts';
import type { ProposalStore } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';

/** The store port in memory (the Redis adapter is tested against real Redis). */
function memoryStore(records: ProposalRecord[]): ProposalStore & { leases: Map<string, string> } {
  const byId = new Map(records.map((r) => [r.id, r]));
  const leases = new Map<string, string>();
  const locks = new Map<string, string>();
  return {
    leases,
    create: async (r) => !byId.has(r.id) && byId.set(r.id, r) !== undefined,
    get: async (id) => byId.get(id),
    async update(id, mutate) {
      const current = byId.get(id);
      if (current === undefined) return undefined;
      const { next, value } = mutate(current);
      if (next !== undefined) byId.set(id, next);
      return { value };
    },
    due: async () => ({ expired: [], approved: [] }),
    async claimTarget(target, id) {
      const holder = locks.get(target);
      if (holder !== undefined && holder !== id) return holder;
      locks.set(target, id);
      return undefined;
    },
    releaseTarget: async (target) => void locks.delete(target),
    holderOf: async (target) => locks.get(target),
    markRan: async () => undefined,
    lastRan: async () => undefined,
    async lease(id, token) {
      const held = leases.get(id);
      if (held !== undefined && held !== token) return false;
      leases.set(id, token);
      return true;
    },
    releaseLease: async (id) => void leases.delete(id),
  };
}

const approved: ProposalRecord = {
  id: 'p1',
  run: { namespace: 'shop', name: 'run-1', workflow: 'wf', step: 'fix' },
  action: 'scale',
  target: 'Deployment/shop/web',
  params: { replicas: 3 },
  risk: 'medium',
  requiredApprovals: 1,
  approvers: { users: [], userGroups: [] },
  createdAt: '2026-11-22T08:00:00Z',
  expiresAt: '2026-11-22T09:00:00Z',
  state: 'Approved',
  policy: { allowed: true, reasons: [] },
  approvals: [{ by: 'U1', at: '2026-11-22T08:01:00Z' }],
  decidedBy: ['U1'],
  decidedAt: '2026-11-22T08:01:00Z',
};

function harness(verify: VerifyResult, executeOk = true) {
  const store = memoryStore([approved]);
  const calls: ActionRequest[] = [];
  const events: RunEvent[] = [];
  const resumed: string[] = [];
  const executor: ActionExecutor = {
    dryRun: async () => ({ ok: true, summary: 'would scale' }),
    async execute(request) {
      calls.push(request);
      if (!executeOk) return { ok: false, message: 'forbidden' };
      return {
        ok: true,
        message: `did ${request.action}`,
        alreadyApplied: false,
        ...(request.id === 'p1'
          ? { undo: { ...request, id: 'p1-undo', params: { replicas: 2 } } }
          : {}),
      };
    },
    verify: async () => verify,
  };
  const deps = {
    store,
    executor,
    verifyTimeoutMs: () => 1_000,
    audit: { record: async () => undefined },
    events: { publish: async (e: RunEvent) => void events.push(e) },
    resumer: { resume: async (p: ProposalRecord) => void resumed.push(p.state) },
    clock: { now: () => new Date('2026-11-22T08:02:00Z') },
    onError: () => undefined,
  };
  return {
    store,
    calls,
    events,
    resumed,
    run: () => executeProposal(deps, 'p1', 'token-a', 60_000),
  };
}

const states = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'proposal' ? [e.proposal.state] : []));

describe('executing an approved proposal', () => {
  it('executes, verifies, announces Executing then Succeeded, and resumes the run', async () => {
    const h = harness({ ok: true, message: 'rollout complete' });
    expect(await h.run()).toMatchObject({ type: 'done', proposal: { state: 'Succeeded' } });
    expect(h.calls.map((c) => c.id)).toEqual(['p1']);
    expect(states(h.events)).toEqual(['Executing', 'Succeeded']);
    expect(h.resumed).toEqual(['Succeeded']);
  });

  it('delivered again after it ended, it executes nothing and only resumes the run', async () => {
    const h = harness({ ok: true, message: 'ok' });
    await h.run();
    await h.run();
    expect(h.calls).toHaveLength(1);
    expect(h.resumed).toEqual(['Succeeded', 'Succeeded']);
  });

  it('a verification timeout runs the inverse: RolledBack, saying why', async () => {
    const h = harness({ ok: false, timedOut: true, message: '1 of 3 ready' });
    const out = await h.run();
    expect(out).toMatchObject({ proposal: { state: 'RolledBack' } });
    expect(h.calls.map((c) => c.id)).toEqual(['p1', 'p1-undo']);
    expect(out.type === 'done' && out.proposal.outcome?.message).toMatch(
      /verification timed out after 1s: 1 of 3 ready; rolled back: did scale/,
    );
  });

  it('a failed execution is Failed with the reason, nothing verified or undone', async () => {
    const h = harness({ ok: true, message: 'ok' }, false);
    const out = await h.run();
    expect(out).toMatchObject({ proposal: { state: 'Failed' } });
    expect(out.type === 'done' && out.proposal.outcome?.message).toBe('scale failed: forbidden');
  });

  it('while another worker holds the lease it waits (retry), changing nothing', async () => {
    const h = harness({ ok: true, message: 'ok' });
    h.store.leases.set('p1', 'someone-else');
    await expect(h.run()).rejects.toBeInstanceOf(ProposalBusyError);
    expect(h.calls).toHaveLength(0);
  });
});
