import { describe, expect, it } from 'vitest';
import {
  deployment,
  NS,
  pendingPod,
  pod,
  replicaSet,
  snapshotOf,
  template,
} from '../../../test/support/fixtures/index.ts';
import { analyzeReplicasMismatch } from './replicas-mismatch.ts';

describe('analyzeReplicasMismatch', () => {
  it('counts available against desired and tallies what is wrong with the pods', () => {
    const api = deployment('api', {
      status: { replicas: 3, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 3 },
    });
    const rs = replicaSet('api-1', 'api', 1, template(), { replicas: 3, ready: 1 });
    const owner = { kind: 'ReplicaSet', name: 'api-1' };
    const [finding] = analyzeReplicasMismatch(
      snapshotOf({
        deployments: [api],
        replicaSets: [rs],
        pods: [
          pod('api-1-a', { owner }),
          pendingPod('api-1-b', '0/3 nodes are available', { owner }),
          pendingPod('api-1-c', '0/3 nodes are available', { owner }),
        ],
      }),
    );
    expect(finding?.object).toBe(`Deployment/${NS}/api`);
    expect(finding?.summary).toBe(
      `Deployment/${NS}/api has 1/3 replicas available; pods: 2× Pending (Unschedulable)`,
    );
    expect(finding?.affected).toEqual([`Pod/${NS}/api-1-b`, `Pod/${NS}/api-1-c`]);
    expect(finding?.evidence[0]).toMatchObject({
      text: '1 available, 1 ready, 3 up-to-date of 3 desired',
    });
  });

  it('says nothing when replicas match, or while pods are merely starting', () => {
    const starting = deployment('web', { status: { replicas: 3, availableReplicas: 2 } });
    expect(
      analyzeReplicasMismatch(snapshotOf({ deployments: [deployment('ok'), starting] })),
    ).toEqual([]);
  });
});
