import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ProposalRecord } from '../../core/remediation/proposal.ts';
import { createProposalMetrics } from './proposal-metrics.ts';

const run = { name: 'triage-1', namespace: 'shop', workflow: 'triage' };
const base: ProposalRecord = {
  id: 'p1',
  run: { ...run, step: 'propose' },
  action: 'rollback',
  target: 'Deployment/shop/checkout',
  params: {},
  risk: 'medium',
  requiredApprovals: 1,
  approvers: { users: [], userGroups: [] },
  createdAt: '2026-11-22T08:00:00Z',
  expiresAt: '2026-11-22T08:30:00Z',
  state: 'Proposed',
  policy: { allowed: true, reasons: [] },
  approvals: [],
};

async function publish(registry: Registry, records: ProposalRecord[]) {
  const sink = createProposalMetrics(registry);
  for (const proposal of records) {
    await sink.publish({ type: 'proposal', run, proposal, at: '2026-11-22T08:01:00Z' });
  }
  return registry.metrics();
}

describe('proposal metrics', () => {
  it('counts each state a proposal reaches and who decided', async () => {
    const text = await publish(new Registry(), [
      base,
      { ...base, state: 'Approved', decidedBy: ['U0ONCALL01'] },
      { ...base, state: 'Succeeded' },
      { ...base, id: 'p2', state: 'Approved', decidedBy: ['policy:auto'] },
      { ...base, id: 'p3', state: 'Dismissed', decidedBy: ['U0ONCALL01'] },
    ]);
    expect(text).toContain(
      'punchingfist_remediation_proposals_total{action="rollback",state="Proposed"} 1',
    );
    expect(text).toContain(
      'punchingfist_remediation_proposals_total{action="rollback",state="Approved"} 2',
    );
    expect(text).toContain(
      'punchingfist_remediation_proposals_total{action="rollback",state="Succeeded"} 1',
    );
    expect(text).toContain('punchingfist_approvals_total{action="rollback",decision="approved"} 1');
    expect(text).toContain(
      'punchingfist_approvals_total{action="rollback",decision="auto-approved"} 1',
    );
    expect(text).toContain(
      'punchingfist_approvals_total{action="rollback",decision="dismissed"} 1',
    );
  });
});
