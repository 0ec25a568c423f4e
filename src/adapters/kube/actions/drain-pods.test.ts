import { describe, expect, it } from 'vitest';
import { classifyPods } from './drain-pods.ts';

const pod = (name: string, metadata: Record<string, unknown> = {}) => ({
  metadata: { name, namespace: 'shop', ...metadata },
});
const owned = (kind: string) => ({ ownerReferences: [{ kind, name: 'x', controller: true }] });

describe('classifyPods', () => {
  it('chooses what a drain evicts the way kubectl drain --ignore-daemonsets does', () => {
    const pods = [
      pod('web-1', owned('ReplicaSet')),
      pod('db-0', owned('StatefulSet')),
      pod('agent-1', owned('DaemonSet')),
      pod('etcd-node', { annotations: { 'kubernetes.io/config.mirror': 'abc' }, ...owned('Node') }),
      pod('lonely'),
      pod('leaving', { deletionTimestamp: '2026-01-01T00:00:00Z', ...owned('ReplicaSet') }),
    ];
    expect(classifyPods(pods).map((p) => `${p.name}:${p.class}`)).toEqual([
      'web-1:evict',
      'db-0:evict',
      'agent-1:daemonset',
      'etcd-node:mirror',
      'lonely:unmanaged',
      'leaving:terminating',
    ]);
  });

  it('does not count a non-controller owner as the pod’s controller', () => {
    const pods = [pod('x', { ownerReferences: [{ kind: 'ReplicaSet', name: 'r' }] })];
    expect(classifyPods(pods)[0]?.class).toBe('unmanaged');
  });
});
