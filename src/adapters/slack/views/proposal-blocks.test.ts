import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ProposalRecord } from '../../../core/remediation/proposal.ts';
import { proposalActionIds, proposalBlocks, proposalText } from './proposal-blocks.ts';

const proposed: ProposalRecord = {
  id: 'p-run1-rollback',
  run: { namespace: 'shop', name: 'triage-abc', workflow: 'triage', step: 'fix' },
  action: 'rollback',
  target: 'Deployment/shop/checkout',
  params: {},
  rationale: 'The crash loop started with revision 7 (image checkout:bad).',
  confidence: 0.9,
  risk: 'medium',
  requiredApprovals: 2,
  approvers: { users: ['U0ALICE'], userGroups: ['S0ONCALL'] },
  createdAt: '2026-11-22T07:00:00Z',
  expiresAt: '2026-11-22T08:00:00Z',
  state: 'Proposed',
  policy: { allowed: true, reasons: [] },
  dryRun: {
    ok: true,
    summary: 'would roll back to revision 6',
    diff: '- image: checkout:bad\n+ image: checkout:1.4',
  },
  approvals: [{ by: 'U0ALICE', at: '2026-11-22T07:01:00Z' }],
};

function actionsOf(blocks: KnownBlock[]): ActionsBlock[] {
  return blocks.filter((b): b is ActionsBlock => b.type === 'actions');
}

function allText(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

describe('proposalBlocks', () => {
  it('offers Approve, Dismiss and Dry-run carrying only the proposal id', () => {
    const [actions, ...more] = actionsOf(proposalBlocks(proposed));
    expect(more).toEqual([]);
    const buttons = actions?.elements.map(
      (e) => e.type === 'button' && [e.action_id, e.value, e.style],
    );
    expect(buttons).toEqual([
      [proposalActionIds.approve, 'p-run1-rollback', 'primary'],
      [proposalActionIds.dismiss, 'p-run1-rollback', undefined],
      [proposalActionIds.dryRun, 'p-run1-rollback', undefined],
    ]);
  });

  it('shows the action, risk, confidence, dry-run diff and approvals so far', () => {
    const text = allText(proposalBlocks(proposed));
    for (const part of [
      'rollback',
      'Deployment/shop/checkout',
      'medium',
      '90%',
      'checkout:1.4',
      'Approvals 1/2',
      '<@U0ALICE>',
      '<!subteam^S0ONCALL>',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('shows who decided, when, and the outcome, without buttons, once executed', () => {
    const done: ProposalRecord = {
      ...proposed,
      state: 'Succeeded',
      approvals: [...proposed.approvals, { by: 'U0BOB', at: '2026-11-22T07:02:00Z' }],
      decidedBy: ['U0ALICE', 'U0BOB'],
      decidedAt: '2026-11-22T07:02:00Z',
      outcome: { message: 'Rolled back to revision 6; 3/3 pods Ready', at: '2026-11-22T07:03:00Z' },
    };
    const blocks = proposalBlocks(done);
    expect(actionsOf(blocks)).toEqual([]);
    const text = allText(blocks);
    expect(text).toContain('Approved by <@U0ALICE> and <@U0BOB> <!date^1795330920^');
    expect(text).toContain('3/3 pods Ready');
    expect(proposalText(done)).toContain('Succeeded');
  });

  it('shows a dismissal by its decider and a policy refusal with reasons, neither with buttons', () => {
    const dismissed = proposalBlocks({
      ...proposed,
      state: 'Dismissed',
      decidedBy: ['U0BOB'],
      decidedAt: '2026-11-22T07:05:00Z',
    });
    expect(actionsOf(dismissed)).toEqual([]);
    expect(allText(dismissed)).toContain('Dismissed by <@U0BOB>');
    const refused = proposalBlocks({
      ...proposed,
      state: 'Refused',
      policy: { allowed: false, reasons: ['namespace kube-system is protected'] },
    });
    expect(actionsOf(refused)).toEqual([]);
    expect(allText(refused)).toContain('kube-system is protected');
  });

  it('keeps every text within Slack limits for a huge diff', () => {
    const blocks = proposalBlocks({
      ...proposed,
      dryRun: { ok: true, summary: 's'.repeat(4000), diff: 'd'.repeat(20000) },
    });
    for (const block of blocks) {
      if (block.type === 'section' && block.text)
        expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
    expect(blocks.length).toBeLessThanOrEqual(50);
  });
});
