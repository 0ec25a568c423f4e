import { describe, expect, it } from 'vitest';
import type { Pod } from '../../core/kube/pod.ts';
import { controllerRevisions, renderRevisions, replicaSetRevisions } from './revisions.ts';

const owner = { metadata: { name: 'web', namespace: 'shop', uid: 'd-1' } };
const ownedBy = (kind: string, name: string, uid: string) => [
  { apiVersion: 'apps/v1', kind, name, uid, controller: true },
];

function replicaSet(name: string, revision: number, image: string, ready: number) {
  return {
    metadata: {
      name,
      namespace: 'shop',
      creationTimestamp: `2026-11-22T08:0${revision}:00Z`,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: ownedBy('Deployment', 'web', 'd-1'),
    },
    spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
    status: { replicas: ready, readyReplicas: ready },
  };
}

describe('replicaSetRevisions + renderRevisions', () => {
  it("orders a Deployment's ReplicaSets by revision and shows each change against the one before", () => {
    const stranger = {
      ...replicaSet('other-1', 9, 'x:1', 1),
      metadata: {
        ...replicaSet('other-1', 9, 'x:1', 1).metadata,
        ownerReferences: ownedBy('Deployment', 'other', 'd-2'),
      },
    };
    const revisions = replicaSetRevisions(owner, [
      replicaSet('web-b', 2, 'web:1.1', 3),
      stranger,
      replicaSet('web-a', 1, 'web:1.0', 0),
    ]);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(renderRevisions('Deployment/shop/web', revisions, 2)).toBe(
      [
        'Deployment/shop/web: 2 revision(s), oldest first',
        'revision 1: ReplicaSet/web-a, created 2026-11-22T08:01:00Z, 0/0 ready, images app=web:1.0',
        'revision 2 (current): ReplicaSet/web-b, created 2026-11-22T08:02:00Z, 3/3 ready, images app=web:1.1',
        '  changes from revision 1:',
        '  image of container "app": web:1.0 → web:1.1',
      ].join('\n'),
    );
  });

  it('says when there is nothing, and when a revision changed no pod template field', () => {
    expect(renderRevisions('Deployment/shop/web', [], undefined)).toBe(
      'Deployment/shop/web: no revisions found',
    );
    const same = replicaSetRevisions(owner, [
      replicaSet('web-a', 1, 'web:1.0', 0),
      replicaSet('web-b', 2, 'web:1.0', 1),
    ]);
    expect(renderRevisions('d', same, 2)).toContain('  no pod template change');
  });
});

describe('controllerRevisions', () => {
  it("reads a StatefulSet's ControllerRevisions, counting ready pods by their revision hash", () => {
    const sts = { kind: 'StatefulSet' as const, metadata: { name: 'db', uid: 's-1' } };
    const revision = (name: string, n: number, image: string) => ({
      metadata: { name, ownerReferences: ownedBy('StatefulSet', 'db', 's-1') },
      revision: n,
      data: { spec: { template: { spec: { containers: [{ name: 'db', image }] } } } },
    });
    const pod = (name: string, hash: string, ready: boolean): Pod => ({
      metadata: {
        name,
        labels: { 'controller-revision-hash': hash },
        ownerReferences: ownedBy('StatefulSet', 'db', 's-1'),
      },
      status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
    const revisions = controllerRevisions(
      sts,
      [revision('db-222', 2, 'pg:16'), revision('db-111', 1, 'pg:15')],
      [pod('db-0', 'db-222', true), pod('db-1', 'db-222', false), pod('db-2', 'db-111', true)],
    );
    expect(revisions).toMatchObject([
      { revision: 1, holder: 'ControllerRevision/db-111', ready: 1, replicas: 1 },
      { revision: 2, holder: 'ControllerRevision/db-222', ready: 1, replicas: 2 },
    ]);
    expect(renderRevisions('StatefulSet/db', revisions, 2)).toContain(
      'image of container "db": pg:15 → pg:16',
    );
  });
});
