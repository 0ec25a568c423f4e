import { describe, expect, it } from 'vitest';
import { type Approvers, approversFor, autoActor, decide, namespaceMatches } from './decide.ts';
import type { Actor, ProposalRecord } from './proposal.ts';

const now = new Date('2026-11-22T08:00:00Z');
const record = (over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id: 'run-1-fix',
  run: { namespace: 'shop', name: 'run-1', workflow: 'wf', step: 'fix' },
  action: 'scale',
  target: 'Deployment/shop/web',
  params: { replicas: 3 },
  risk: 'medium',
  requiredApprovals: 1,
  approvers: { users: ['U1', 'U2'], userGroups: ['S1'] },
  createdAt: '2026-11-22T07:50:00Z',
  expiresAt: '2026-11-22T08:30:00Z',
  state: 'Proposed',
  policy: { allowed: true, reasons: [] },
  approvals: [],
  ...over,
});
const user = (id: string, userGroups: string[] = []): Actor => ({ id, userGroups });
const none: Approvers = { users: [], userGroups: [] };
const run = (r: ProposalRecord, kind: 'approve' | 'dismiss', actor: Actor, defaults = none) =>
  decide({ record: r, kind, actor, now, defaultApprovers: defaults });

describe('approval decision', () => {
  it('an allowed approver approves: Approved, decided by them', () => {
    const d = run(record(), 'approve', user('U1'));
    expect(d.result.type).toBe('approved');
    expect(d.next).toMatchObject({
      state: 'Approved',
      decidedBy: ['U1'],
      decidedAt: now.toISOString(),
    });
  });

  it('a member of an approver group may approve', () => {
    expect(run(record(), 'approve', user('U9', ['S1'])).result.type).toBe('approved');
  });

  it('a non-approver is told so and nothing changes', () => {
    const d = run(record(), 'approve', user('U9'));
    expect(d.result).toMatchObject({ type: 'rejected', reason: 'not-allowed' });
    expect(d.result.message).toMatch(/not an approver of scale on Deployment\/shop\/web/);
    expect(d.next).toBeUndefined();
  });

  it('two required: the first is recorded, the same person again is refused, a second person approves', () => {
    const first = run(record({ requiredApprovals: 2 }), 'approve', user('U1'));
    expect(first.result.type).toBe('recorded');
    expect(first.next?.state).toBe('Proposed');
    const again = run(first.next as ProposalRecord, 'approve', user('U1'));
    expect(again.result).toMatchObject({ type: 'rejected', reason: 'same-approver' });
    const second = run(first.next as ProposalRecord, 'approve', user('U2'));
    expect(second.next).toMatchObject({ state: 'Approved', decidedBy: ['U1', 'U2'] });
  });

  it('a second click after the decision is already-decided, naming who', () => {
    const approved = run(record(), 'approve', user('U1')).next as ProposalRecord;
    const d = run(approved, 'approve', user('U2'));
    expect(d.result).toMatchObject({ type: 'rejected', reason: 'already-decided' });
    expect(d.result.message).toMatch(/already Approved \(by U1\)/);
    expect(run(approved, 'dismiss', user('U2')).next).toBeUndefined();
  });

  it('past expiresAt: expired, and the record becomes Expired', () => {
    const d = run(record({ expiresAt: '2026-11-22T07:59:59Z' }), 'approve', user('U1'));
    expect(d.result).toMatchObject({ type: 'rejected', reason: 'expired' });
    expect(d.next?.state).toBe('Expired');
  });

  it('a proposal the policy refused can never be approved', () => {
    const d = run(
      record({
        state: 'Refused',
        policy: { allowed: false, reasons: ['namespace kube-system is protected'] },
      }),
      'approve',
      user('U1'),
    );
    expect(d.result).toMatchObject({ type: 'rejected', reason: 'refused-by-policy' });
    expect(d.result.message).toMatch(/kube-system is protected/);
  });

  it('dismiss by an approver: Dismissed, nothing to run', () => {
    const d = run(record(), 'dismiss', user('U2'));
    expect(d.result.type).toBe('dismissed');
    expect(d.next).toMatchObject({ state: 'Dismissed', decidedBy: ['U2'] });
  });

  it('no approvers on the proposal: the deployment default ones decide; none configured: anyone', () => {
    const open = record({ approvers: { users: [], userGroups: [] } });
    const defaults = { users: ['U7'], userGroups: [] };
    expect(run(open, 'approve', user('U1'), defaults).result).toMatchObject({
      reason: 'not-allowed',
    });
    expect(run(open, 'approve', user('U7'), defaults).result.type).toBe('approved');
    expect(run(open, 'approve', user('U1')).result.type).toBe('approved');
  });

  it('policy:auto approves only what needs no approval', () => {
    expect(run(record(), 'approve', autoActor).result).toMatchObject({ reason: 'not-allowed' });
    expect(run(record({ requiredApprovals: 0 }), 'approve', autoActor).next).toMatchObject({
      state: 'Approved',
      decidedBy: ['policy:auto'],
    });
  });
});

describe('per-namespace approvers', () => {
  const policy = {
    users: ['U1'],
    userGroups: ['S1'],
    namespaces: [
      { namespaces: ['payments', 'billing-*'], users: ['UPAY'], userGroups: ['SPAY'] },
      { namespaces: ['*-prod'], users: [], userGroups: ['SPROD'] },
      { namespaces: ['billing-eu'], users: ['UNEVER'], userGroups: [] },
    ],
  };
  // target, who clicks, allowed? — the rule resolved at proposal time, then the decision.
  const table: [string, Actor, boolean][] = [
    ['Deployment/payments/api', user('UPAY'), true],
    ['Deployment/payments/api', user('U9', ['SPAY']), true],
    ['Deployment/payments/api', user('U1'), false], // the global approver: not in payments
    ['Deployment/payments/api', user('U9', ['S1']), false],
    ['StatefulSet/billing-eu/db', user('UPAY'), true], // glob; the first matching rule wins
    ['StatefulSet/billing-eu/db', user('UNEVER'), false],
    ['Deployment/shop-prod/web', user('U9', ['SPROD']), true],
    ['Deployment/shop-prod/web', user('UPAY'), false],
    ['Deployment/shop/web', user('U1'), true], // no rule matches: the global lists
    ['Deployment/shop/web', user('UPAY'), false],
    ['Node/worker-1', user('U9', ['S1']), true], // cluster-scoped: the global lists
    ['Node/worker-1', user('U9', ['SPROD']), false],
  ];
  it.each(table)('%s, clicked by %o → allowed %s', (target, actor, allowed) => {
    const r = record({ target, approvers: approversFor(policy, target) });
    const d = run(r, 'approve', actor, { users: ['UDEFAULT'], userGroups: [] });
    expect(d.result.type).toBe(allowed ? 'approved' : 'rejected');
    if (!allowed) expect(d.result).toMatchObject({ reason: 'not-allowed' });
  });

  it('without rules the proposal gets the global lists; with none either, the deployment defaults', () => {
    expect(approversFor({ users: ['U1'], userGroups: [] }, 'Deployment/a/b')).toEqual({
      users: ['U1'],
      userGroups: [],
    });
    const open = approversFor({ users: [], userGroups: [], namespaces: [] }, 'Deployment/a/b');
    const r = record({ approvers: open });
    expect(run(r, 'approve', user('U1'), { users: ['U7'], userGroups: [] }).result).toMatchObject({
      reason: 'not-allowed',
    });
  });

  it('globs match whole names only', () => {
    expect(namespaceMatches('team-*', 'team-a')).toBe(true);
    expect(namespaceMatches('team-*', 'myteam-a')).toBe(false);
    expect(namespaceMatches('*', 'anything')).toBe(true);
    expect(namespaceMatches('a*b', 'a-long-b')).toBe(true);
    expect(namespaceMatches('shop', 'shop-2')).toBe(false);
  });
});
