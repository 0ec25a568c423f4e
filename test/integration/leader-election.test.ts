import * as k8s from '@kubernetes/client-node';
import { pino } from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { createLeaderElector, type LeaderElector } from '../../src/controllers/leader-election.ts';
import { systemClock } from '../../src/core/ports.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/** Two controller replicas against the real API server: one leads, the other takes over. */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'lease');

function candidate(identity: string, work: string[]): LeaderElector {
  return createLeaderElector({
    coordination: k.kc.makeApiClient(k8s.CoordinationV1Api),
    namespace: ns,
    name: 'punchingfist-singleton',
    identity,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    leaseDurationSeconds: 3,
    renewIntervalMs: 500,
    onStartedLeading: () => work.push(`${identity}:start`),
    onStoppedLeading: () => work.push(`${identity}:stop`),
  });
}

describe('leader election', () => {
  it('lets exactly one of two replicas lead, and the other take over when it stops', async () => {
    const log: string[] = [];
    const a = candidate('replica-a', log);
    const b = candidate('replica-b', log);
    a.start();
    await eventually('a leads', async () => (a.isLeader() ? true : undefined), 10_000);
    b.start();
    // b keeps trying for longer than a lease lifetime and never leads while a renews.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    const lease = await k.kc
      .makeApiClient(k8s.CoordinationV1Api)
      .readNamespacedLease({ name: 'punchingfist-singleton', namespace: ns });
    expect(lease.spec?.holderIdentity).toBe('replica-a');

    await a.stop();
    await eventually('b takes over', async () => (b.isLeader() ? true : undefined), 10_000);
    expect(a.isLeader()).toBe(false);
    await b.stop();
    expect(log).toEqual(['replica-a:start', 'replica-a:stop', 'replica-b:start', 'replica-b:stop']);
  });

  it('takes over a lease whose holder died without releasing it', async () => {
    const coordination = k.kc.makeApiClient(k8s.CoordinationV1Api);
    const stale = new Date(Date.now() - 60_000);
    await coordination.createNamespacedLease({
      namespace: ns,
      body: {
        metadata: { name: 'crashed-holder' },
        spec: {
          holderIdentity: 'replica-dead',
          leaseDurationSeconds: 3,
          acquireTime: new k8s.V1MicroTime(stale.getTime()),
          renewTime: new k8s.V1MicroTime(stale.getTime()),
          leaseTransitions: 0,
        },
      },
    });
    const c = createLeaderElector({
      coordination,
      namespace: ns,
      name: 'crashed-holder',
      identity: 'replica-c',
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      leaseDurationSeconds: 3,
      renewIntervalMs: 500,
      onStartedLeading: () => undefined,
      onStoppedLeading: () => undefined,
    });
    c.start();
    await eventually(
      'c takes the expired lease',
      async () => (c.isLeader() ? true : undefined),
      10_000,
    );
    const lease = await coordination.readNamespacedLease({ name: 'crashed-holder', namespace: ns });
    expect(lease.spec).toMatchObject({ holderIdentity: 'replica-c', leaseTransitions: 1 });
    await c.stop();
  });
});
