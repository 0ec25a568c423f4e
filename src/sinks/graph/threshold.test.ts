import { describe, expect, it } from 'vitest';
import { splitThreshold, topLevel } from './threshold.ts';

describe('splitThreshold', () => {
  it('graphs the left side of `expr OP number` and keeps the threshold', () => {
    expect(
      splitThreshold(
        'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
      ),
    ).toEqual({
      query:
        'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])',
      threshold: { operator: '>=', value: 1 },
    });
    expect(splitThreshold('up == 0')).toEqual({
      query: 'up',
      threshold: { operator: '==', value: 0 },
    });
    expect(splitThreshold('sum(rate(x[5m])) by (job) > 1e3')).toEqual({
      query: 'sum(rate(x[5m])) by (job)',
      threshold: { operator: '>', value: 1000 },
    });
  });

  it('ignores comparisons inside matchers, strings and parentheses', () => {
    expect(splitThreshold('rate(x{code=~"5..",msg!=">"}[5m]) > 0.1')).toEqual({
      query: 'rate(x{code=~"5..",msg!=">"}[5m])',
      threshold: { operator: '>', value: 0.1 },
    });
    expect(splitThreshold('count(up > 0)')).toEqual({ query: 'count(up > 0)' });
    expect(splitThreshold('x{msg="say \\"a > b\\" 😀"} > 3')).toEqual({
      query: 'x{msg="say \\"a > b\\" 😀"}',
      threshold: { operator: '>', value: 3 },
    });
  });

  it('graphs as written when the right side is not a number or there is more than one condition', () => {
    const asWritten = [
      'kube_deployment_spec_replicas > kube_deployment_status_replicas_available',
      'x > 1 and y < 2',
      'x > bool 1',
      'x > 1 unless on(pod) y',
      'absent(up{job="api"})',
    ];
    for (const expression of asWritten)
      expect(splitThreshold(expression)).toEqual({ query: expression });
  });
});

describe('topLevel', () => {
  it('blanks nested text and quoted strings, keeping positions', () => {
    const expression = 'a{b="}>"} > f(g) ';
    const masked = topLevel(expression);
    expect(masked).toHaveLength(expression.length);
    expect(masked.trim()).toMatch(/^a\s+>\s+f$/);
  });
});
