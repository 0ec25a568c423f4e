import { describe, expect, it } from 'vitest';
import { rolloutProbe } from './rollout-status.ts';

const deployment = (status: Record<string, unknown>, generation = 2, replicas = 3) => ({
  metadata: { name: 'web', generation },
  spec: { replicas },
  status: { observedGeneration: 2, ...status },
});

describe('rolloutProbe', () => {
  it('waits until the controller has seen the latest spec', () => {
    expect(rolloutProbe('Deployment', deployment({ observedGeneration: 1 }, 2))).toEqual({
      state: 'waiting',
      message: 'the controller has not seen the latest spec yet',
    });
  });

  it('judges a Deployment like kubectl rollout status: updated, old ones gone, available', () => {
    expect(rolloutProbe('Deployment', deployment({ updatedReplicas: 1, replicas: 4 }))).toEqual({
      state: 'waiting',
      message: '1 of 3 replicas updated',
    });
    expect(
      rolloutProbe(
        'Deployment',
        deployment({ updatedReplicas: 3, replicas: 4, availableReplicas: 3 }),
      ),
    ).toEqual({ state: 'waiting', message: '1 old replicas pending termination' });
    expect(
      rolloutProbe(
        'Deployment',
        deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 2 }),
      ),
    ).toEqual({ state: 'waiting', message: '2 of 3 updated replicas available' });
    expect(
      rolloutProbe(
        'Deployment',
        deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 3 }),
      ),
    ).toEqual({ state: 'done', message: 'rollout complete: 3 of 3 replicas ready' });
  });

  it('fails at once when the rollout exceeded its progress deadline', () => {
    const stuck = deployment({
      updatedReplicas: 1,
      conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(rolloutProbe('Deployment', stuck)).toMatchObject({ state: 'failed' });
  });

  it('waits for a StatefulSet to make its update revision current', () => {
    const sts = (status: Record<string, unknown>) => ({
      metadata: { generation: 1 },
      spec: { replicas: 2 },
      status: { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 2, ...status },
    });
    expect(rolloutProbe('StatefulSet', sts({ currentRevision: 'a', updateRevision: 'b' }))).toEqual(
      {
        state: 'waiting',
        message: 'revision b not yet current',
      },
    );
    expect(
      rolloutProbe('StatefulSet', sts({ currentRevision: 'b', updateRevision: 'b' })),
    ).toMatchObject({
      state: 'done',
    });
  });

  it('counts a DaemonSet by scheduled and available pods', () => {
    const ds = {
      metadata: { generation: 1 },
      status: {
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      },
    };
    expect(rolloutProbe('DaemonSet', ds)).toEqual({
      state: 'waiting',
      message: '2 of 3 pods available',
    });
  });
});
