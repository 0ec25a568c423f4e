import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../../core/investigation/report.ts';
import { fullEvidenceText, reportBlocks } from './report-blocks.ts';

function finding(i: number, text = 'Back-off restarting failed container'): Finding {
  return {
    id: `CrashLoopBackOff:Pod/shop/checkout-${i}`,
    category: 'CrashLoopBackOff',
    severity: 'high',
    object: `Pod/shop/checkout-${i}`,
    summary: `checkout-${i} restarts every few seconds`,
    evidence: [{ source: 'event', object: `Pod/shop/checkout-${i}`, text }],
    affected: [],
    confidence: 0.8,
    action: null,
  };
}

const report: Report = {
  target: 'Deployment/shop/checkout',
  summary: 'Deployment/shop/checkout crash-loops since the rollout of checkout:bad.',
  rootCause: 'Rollout to image checkout:bad crash-loops (exit 1: missing DATABASE_URL).',
  confidence: 0.92,
  findings: [finding(1)],
  proposals: [
    {
      action: 'rollback',
      target: 'Deployment/shop/checkout',
      params: {},
      rationale: 'the previous revision was healthy',
    },
  ],
  partial: false,
  warnings: [],
  analyzer: 'deterministic',
  durationMs: 2300,
};

function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('reportBlocks', () => {
  it('leads with the root cause and confidence, then findings and proposed actions', () => {
    const blocks = reportBlocks(report);
    const text = JSON.stringify(blocks);
    expect(blocks[0]?.type).toBe('header');
    expect(sectionTexts(blocks)[0]).toContain('missing DATABASE_URL');
    for (const part of [
      '92%',
      'CrashLoopBackOff',
      'Back-off restarting',
      'Proposed actions',
      '`rollback`',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('stays within 50 blocks and says how many findings it left out', () => {
    const many = { ...report, findings: Array.from({ length: 80 }, (_, i) => finding(i)) };
    const blocks = reportBlocks(many);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toMatch(/and \d+ more findings/);
    expect(JSON.stringify(blocks)).toContain('Proposed actions');
  });

  it('cuts long evidence within the section limit and offers the full text for a file', () => {
    const long = { ...report, findings: [finding(1, 'panic: '.repeat(2000))] };
    const blocks = reportBlocks(long);
    for (const text of sectionTexts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(fullEvidenceText(long)).toContain('panic: '.repeat(2000));
    expect(fullEvidenceText(report)).toBeUndefined();
  });

  it('says so when nothing is wrong or the report is partial', () => {
    const calm = reportBlocks({
      ...report,
      rootCause: null,
      findings: [],
      proposals: [],
      partial: true,
      warnings: ['pods: forbidden'],
    });
    const text = JSON.stringify(calm);
    expect(text).toContain('No problem found');
    expect(text).toContain('Partial report');
    expect(text).toContain('pods: forbidden');
  });
});
