import { describe, expect, it } from 'vitest';
import type { Report } from '../core/investigation/report.ts';
import { renderReport } from './render-report.ts';

const base: Report = {
  target: 'Job/shop/migrate',
  summary: 'JobFailed on Job/shop/migrate; proposed: rerun_job',
  rootCause: 'Job/shop/migrate failed (BackoffLimitExceeded)',
  confidence: 0.85,
  findings: [
    {
      id: 'JobFailed:Job/shop/migrate',
      category: 'JobFailed',
      severity: 'high',
      object: 'Job/shop/migrate',
      summary: 'Job/shop/migrate failed (BackoffLimitExceeded)',
      evidence: [
        {
          source: 'log',
          object: 'Pod/shop/migrate-x',
          path: 'migrate',
          text: 'ERROR connection refused',
        },
      ],
      affected: [],
      confidence: 0.85,
      action: null,
    },
  ],
  proposals: [
    { action: 'rerun_job', target: 'Job/shop/migrate', params: {}, rationale: 'looks transient' },
  ],
  partial: true,
  warnings: ['could not read HorizontalPodAutoscalers in shop: forbidden'],
  analyzer: 'deterministic',
  durationMs: 87,
};

describe('renderReport', () => {
  it('shows the root cause, the evidence, the proposals needing approval and the warnings', () => {
    const text = renderReport(base);
    expect(text).toContain('JobFailed on Job/shop/migrate; proposed: rerun_job  (confidence 0.85)');
    expect(text).toContain('Root cause: Job/shop/migrate failed (BackoffLimitExceeded)');
    expect(text).toContain('log    Pod/shop/migrate-x migrate: ERROR connection refused');
    expect(text).toContain(
      'Proposed actions (each needs approval):\n  - rerun_job Job/shop/migrate {}',
    );
    expect(text).toContain(
      'Warnings (the report is partial):\n  - could not read HorizontalPodAutoscalers',
    );
  });

  it('says plainly when nothing is wrong', () => {
    const text = renderReport({
      ...base,
      rootCause: null,
      findings: [],
      proposals: [],
      warnings: [],
      partial: false,
      summary: 'Job/shop/migrate: no problems found among 4 objects read',
    });
    expect(text.split('\n')[0]).toBe('Job/shop/migrate: no problems found among 4 objects read');
    expect(text).not.toContain('Root cause');
  });
});
