import { describe, expect, it } from 'vitest';
import { hpa, NS, snapshotOf } from '../../../test/support/fixtures/index.ts';
import { analyzeHpas } from './hpa-at-max.ts';

const limited = {
  type: 'ScalingLimited',
  status: 'True',
  reason: 'TooManyReplicas',
  message: 'the desired replica count is more than the maximum replica count',
};

describe('analyzeHpas', () => {
  it('reports an HPA capped at max and proposes raising maxReplicas by half', () => {
    const api = hpa('api', { max: 4, current: 4, conditions: [limited] });
    api.status = {
      ...api.status,
      currentMetrics: [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 180 } } },
      ],
    };
    const [finding] = analyzeHpas(snapshotOf({ hpas: [api] }));
    expect(finding?.object).toBe(`HorizontalPodAutoscaler/${NS}/api`);
    expect(finding?.summary).toContain(
      `at its maximum of 4 replicas for Deployment/${NS}/api (cpu at 180% vs target 70%)`,
    );
    expect(finding?.evidence.map((e) => e.source)).toEqual(['field', 'field', 'metric']);
    expect(finding?.action).toMatchObject({ action: 'update_hpa', params: { maxReplicas: 6 } });
  });

  it('is quiet below max, and at max when it does not want more', () => {
    const below = hpa('a', { max: 5, current: 3, conditions: [limited] });
    const content = hpa('b', { max: 3, current: 3, desired: 2 });
    expect(analyzeHpas(snapshotOf({ hpas: [below, content] }))).toEqual([]);
  });
});
