import { describe, expect, it } from 'vitest';
import {
  crashLooping,
  deployment,
  NS,
  pod,
  replicaSet,
  snapshotOf,
  template,
} from '../../../test/support/fixtures/index.ts';
import { analyzeCrashLoops } from '../analyzers/crash-loop.ts';
import { groupByWorkload } from './group.ts';

describe('groupByWorkload', () => {
  it('makes the crash loops of three replicas one finding about their Deployment, evidence not repeated', () => {
    const owner = { kind: 'ReplicaSet', name: 'api-7d9c' };
    const pods = ['a', 'b', 'c'].map((s) =>
      pod(`api-7d9c-${s}`, { owner, statuses: [crashLooping()] }),
    );
    const logs = pods.map((p) => ({
      namespace: NS,
      pod: p.metadata.name,
      container: 'app',
      previous: true,
      lines: ['FATAL missing DATABASE_URL'],
    }));
    const snapshot = snapshotOf({
      deployments: [deployment('api')],
      replicaSets: [replicaSet('api-7d9c', 'api', 1, template(), { replicas: 3, ready: 0 })],
      pods: [...pods, pod('bare', { statuses: [crashLooping()] })],
      logs,
    });
    const grouped = groupByWorkload(analyzeCrashLoops(snapshot), snapshot);
    expect(grouped.map((f) => f.object)).toEqual([`Pod/${NS}/bare`, `Deployment/${NS}/api`]);
    const [, api] = grouped;
    expect(api?.id).toBe(`CrashLoopBackOff:Deployment/${NS}/api`);
    expect(api?.summary).toMatch(
      /^3\/3 pods of Deployment\/shop\/api affected — container "app" of Pod\/shop\/api-7d9c-a keeps crashing/,
    );
    expect(api?.affected).toEqual(pods.map((p) => `Pod/${NS}/${p.metadata.name}`));
    expect(api?.evidence.filter((e) => e.source === 'log')).toHaveLength(1);
  });
});
