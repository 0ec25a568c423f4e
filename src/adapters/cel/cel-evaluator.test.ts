import { describe, expect, it } from 'vitest';
import { createCelEvaluator } from './cel-evaluator.ts';

describe('the CEL evaluator', () => {
  const cel = createCelEvaluator();
  const ctx = {
    steps: { analyze: { output: { confidence: 0.9, findings: [{ category: 'OOMKilled' }] } } },
    event: { labels: { severity: 'critical' } },
  };

  it('evaluates expressions over the run context', () => {
    expect(cel.evaluate('steps.analyze.output.confidence > 0.5', ctx)).toEqual({
      ok: true,
      value: true,
    });
    expect(
      cel.evaluate("steps.analyze.output.findings.exists(f, f.category == 'OOMKilled')", ctx),
    ).toEqual({ ok: true, value: true });
    expect(cel.evaluate('size(steps.analyze.output.findings)', ctx)).toEqual({
      ok: true,
      value: 1,
    });
    expect(cel.evaluate("has(event.labels.team) && event.labels.team == 'x'", ctx)).toEqual({
      ok: true,
      value: false,
    });
  });

  it('reports parse and evaluation errors as values', () => {
    expect(cel.evaluate('1 +', ctx)).toMatchObject({ ok: false });
    expect(cel.evaluate('steps.missing.output', ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/missing/),
    });
  });
});
