import { describe, expect, it } from 'vitest';
import { event, node, pod, snapshotOf } from '../../../test/support/fixtures/index.ts';
import { analyzeNodes } from './node-health.ts';

const cniDown =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

describe('analyzeNodes', () => {
  it('reports a NotReady node with its condition, taints, events and pods, and proposes a cordon', () => {
    const sick = node('node-2', {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: cniDown,
          lastTransitionTime: '2026-11-22T03:10:00Z',
        },
      ],
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
    });
    const [finding, ...rest] = analyzeNodes(
      snapshotOf({
        nodes: [node('node-1'), sick],
        pods: [pod('web-a', { spec: { nodeName: 'node-2' } }), pod('web-b')],
        events: [
          event(
            { kind: 'Node', name: 'node-2', namespace: 'default' },
            'NodeNotReady',
            'Node node-2 status is now: NodeNotReady',
            { type: 'Normal' },
          ),
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(finding?.category).toBe('NodeNotReady');
    expect(finding?.object).toBe('Node/node-2');
    expect(finding?.summary).toContain('KubeletNotReady');
    expect(finding?.summary).toContain('1 pod run there');
    expect(finding?.affected).toEqual(['Pod/shop/web-a']);
    expect(finding?.evidence.map((e) => e.text)).toEqual([
      `Ready=False (KubeletNotReady): ${cniDown}`,
      'node.kubernetes.io/not-ready:NoSchedule',
      'Normal NodeNotReady: Node node-2 status is now: NodeNotReady',
    ]);
    expect(finding?.action).toEqual({
      action: 'cordon_node',
      target: 'Node/node-2',
      params: {},
      rationale: expect.any(String),
    });
  });

  it('reports memory pressure, and proposes nothing more for a node already cordoned', () => {
    const tight = node('node-3', {
      unschedulable: true,
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'True',
          reason: 'KubeletHasInsufficientMemory',
          message: 'kubelet has insufficient memory available',
        },
      ],
    });
    const [finding] = analyzeNodes(snapshotOf({ nodes: [tight] }));
    expect(finding?.category).toBe('NodePressure');
    expect(finding?.summary).toContain('MemoryPressure: kubelet has insufficient memory available');
    expect(finding?.action).toBeNull();
  });
});
