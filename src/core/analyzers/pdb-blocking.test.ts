import { describe, expect, it } from 'vitest';
import { NS, node, pdb, pod, snapshotOf } from '../../../test/support/fixtures/index.ts';
import { analyzePdbs } from './pdb-blocking.ts';

describe('analyzePdbs', () => {
  it('flags a budget with no disruptions allowed, severe when a pod sits on a cordoned node', () => {
    const budget = pdb(
      'web',
      { app: 'web' },
      { disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 3, expectedPods: 3 },
    );
    const pods = [
      pod('web-a', { spec: { nodeName: 'node-1' } }),
      pod('web-b', { spec: { nodeName: 'node-2' } }),
    ];
    const [finding] = analyzePdbs(
      snapshotOf({
        pdbs: [budget],
        pods,
        nodes: [node('node-1', { unschedulable: true }), node('node-2')],
      }),
    );
    expect(finding?.object).toBe(`PodDisruptionBudget/${NS}/web`);
    expect(finding?.severity).toBe('high');
    expect(finding?.summary).toContain('3 required by minAvailable 3');
    expect(finding?.summary).toContain('1 on a cordoned node');
    expect(finding?.affected).toEqual([`Pod/${NS}/web-a`, `Pod/${NS}/web-b`]);
  });

  it('is quiet when disruptions are allowed or no pod is covered', () => {
    const ok = pdb('a', { app: 'a' }, { disruptionsAllowed: 1, expectedPods: 3 });
    const empty = pdb('b', { app: 'b' }, { disruptionsAllowed: 0, expectedPods: 0 });
    expect(analyzePdbs(snapshotOf({ pdbs: [ok, empty] }))).toEqual([]);
  });
});
