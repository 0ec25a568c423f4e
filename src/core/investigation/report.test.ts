import { describe, expect, it } from 'vitest';
import { proposalSchema } from './actions.ts';
import { reportSchema } from './report.ts';

/** The report schema also guards what an LLM may answer: only catalogue actions, only their params. */
describe('reportSchema', () => {
  const report = {
    target: 'Deployment/shop/web',
    summary: 'StuckRollout on Deployment/shop/web',
    rootCause: 'revision 2 changed DB_HOST',
    confidence: 0.8,
    findings: [
      {
        id: 'StuckRollout:Deployment/shop/web',
        category: 'StuckRollout',
        severity: 'high',
        object: 'Deployment/shop/web',
        summary: 'revision 2 changed DB_HOST',
        evidence: [{ source: 'field', object: 'ReplicaSet/shop/web-2', text: 'DB_HOST: a → b' }],
        confidence: 0.8,
      },
    ],
    proposals: [
      {
        action: 'rollback',
        target: 'Deployment/shop/web',
        params: { toRevision: 1 },
        rationale: 'revision 1 was healthy',
      },
    ],
    partial: false,
    analyzer: 'llm',
    durationMs: 1200,
  };

  it('accepts a well-formed report and fills the defaults', () => {
    const parsed = reportSchema.parse(report);
    expect(parsed.findings[0]).toMatchObject({ affected: [], action: null });
    expect(parsed.warnings).toEqual([]);
  });

  it('rejects actions outside the catalogue, extra params, bad quantities and confidences over 1', () => {
    const bad = (proposal: unknown) => proposalSchema.safeParse(proposal).success;
    expect(
      bad({
        action: 'exec_shell',
        target: 'Pod/shop/x',
        params: { cmd: 'rm -rf /' },
        rationale: 'x',
      }),
    ).toBe(false);
    expect(
      bad({ action: 'restart_pod', target: 'Pod/shop/x', params: { force: true }, rationale: 'x' }),
    ).toBe(false);
    expect(
      bad({
        action: 'set_resources',
        target: 'Deployment/shop/x',
        params: { container: 'app', limits: { memory: 'lots' } },
        rationale: 'x',
      }),
    ).toBe(false);
    expect(
      bad({
        action: 'update_hpa',
        target: 'HorizontalPodAutoscaler/shop/x',
        params: {},
        rationale: 'x',
      }),
    ).toBe(false);
    expect(
      bad({
        action: 'scale',
        target: 'Deployment/shop/x',
        params: { replicas: 3 },
        rationale: 'more capacity',
      }),
    ).toBe(true);
    expect(reportSchema.safeParse({ ...report, confidence: 1.5 }).success).toBe(false);
    expect(
      reportSchema.safeParse({ ...report, findings: [{ ...report.findings[0], evidence: [] }] })
        .success,
    ).toBe(false);
  });
});
