import { describe, expect, it } from 'vitest';
import {
  container,
  event,
  NS,
  node,
  pendingPod,
  snapshotOf,
} from '../../../test/support/fixtures/index.ts';
import { schedulingReasons } from './scheduling-message.ts';
import { analyzeUnschedulable } from './unschedulable.ts';

const nodes = [node('node-000000', { labels: { disktype: 'hdd' } }), node('node-000001')];
const selectorMessage =
  "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";

describe('schedulingReasons', () => {
  it('splits the message into node counts and reasons, taint keys with dots included', () => {
    expect(
      schedulingReasons(
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      ),
    ).toEqual([
      { nodes: 1, text: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }' },
      { nodes: 2, text: 'Insufficient cpu' },
      { nodes: 2, text: 'Insufficient memory' },
    ]);
  });
});

describe('analyzeUnschedulable', () => {
  it('names the nodeSelector label no node has, quoting the scheduler', () => {
    const pick = pendingPod('pick', selectorMessage, {
      spec: { nodeSelector: { disktype: 'ssd' } },
    });
    const [finding] = analyzeUnschedulable(
      snapshotOf({
        pods: [pick],
        nodes,
        events: [
          event({ kind: 'Pod', name: 'pick' }, 'FailedScheduling', selectorMessage, { count: 3 }),
        ],
      }),
    );
    expect(finding?.object).toBe(`Pod/${NS}/pick`);
    expect(finding?.summary).toContain('no node has label disktype=ssd');
    expect(finding?.evidence[0]).toMatchObject({
      source: 'event',
      text: expect.stringContaining("didn't match Pod's node affinity/selector"),
    });
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ path: 'spec.nodeSelector', text: 'disktype=ssd' }),
    );
  });

  it('compares a huge request with the largest node allocatable', () => {
    const message =
      '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    const huge = pendingPod('huge', message, {
      spec: { containers: [container('app', { resources: { requests: { memory: '4Ti' } } })] },
    });
    const [finding] = analyzeUnschedulable(snapshotOf({ pods: [huge], nodes }));
    expect(finding?.summary).toContain(
      'requests 4Ti memory, more than any node can offer (largest allocatable 256Gi)',
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        object: 'Node/node-000000',
        path: 'status.allocatable.memory',
        text: '256Gi',
      }),
    );
    expect(finding?.evidence[0]).toMatchObject({
      source: 'field',
      path: 'status.conditions[PodScheduled]',
    });
  });

  it('reports a taint and ignores scheduled pods', () => {
    const message =
      '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}. preemption: not helpful';
    const findings = analyzeUnschedulable(snapshotOf({ pods: [pendingPod('t', message)], nodes }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.summary).toContain('taints it does not tolerate: {dedicated: gpu}');
  });
});
