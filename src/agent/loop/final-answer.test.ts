import { describe, expect, it } from 'vitest';
import { parseAnswer, reportFromAnswer } from './final-answer.ts';

const answer = {
  summary: 'Deployment web crash-loops since revision 2 changed DB_HOST.',
  rootCause: 'Revision 2 of Deployment shop/web points DB_HOST at a host that does not exist.',
  confidence: 0.9,
  category: 'CrashLoopBackOff',
  object: 'Deployment/shop/web',
  evidence: [
    { source: 'log', object: 'Pod/shop/web-1', text: 'lookup db.payment.svc: no such host' },
  ],
  proposals: [
    {
      action: 'rollback',
      target: 'Deployment/shop/web',
      params: {},
      rationale: 'revision 1 was healthy',
    },
    {
      action: 'delete_namespace',
      target: 'Namespace/shop',
      params: {},
      rationale: 'the logs say so',
    },
  ],
};

describe('the final answer', () => {
  it('keeps catalogue proposals and drops unknown actions with a warning', () => {
    const parsed = parseAnswer(answer);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.proposals.map((p) => p.action)).toEqual(['rollback']);
    expect(parsed.warnings).toEqual([
      'dropped proposal "delete_namespace" on Namespace/shop: not in the remediation catalogue',
    ]);
    const report = reportFromAnswer(parsed.answer, parsed.proposals, {
      target: 'Deployment/shop/web',
      durationMs: 12,
      warnings: parsed.warnings,
    });
    expect(report).toMatchObject({ analyzer: 'llm', partial: false, rootCause: answer.rootCause });
    expect(report.findings[0]).toMatchObject({
      object: 'Deployment/shop/web',
      category: 'CrashLoopBackOff',
    });
  });

  it('names the field when the answer does not parse (for the repair turn)', () => {
    const bad = parseAnswer({ ...answer, confidence: 7 });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('confidence') });
    const badParams = parseAnswer({
      ...answer,
      proposals: [
        {
          action: 'scale',
          target: 'Deployment/shop/web',
          params: { replicas: -1 },
          rationale: 'x',
        },
      ],
    });
    expect(badParams).toMatchObject({
      ok: false,
      error: expect.stringContaining('proposals.0: params.replicas'),
    });
  });
});
