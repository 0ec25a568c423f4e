import * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.ts';

/**
 * Singleton duties (TTL cleanup, schedule ownership) run in exactly one
 * replica: the holder of a coordination.k8s.io Lease. Acquire when the lease
 * is free or expired, renew while holding it, hand it back on stop. Writes
 * carry the lease's resourceVersion, so two candidates never both win.
 */
export interface LeaderElectionOptions {
  readonly coordination: k8s.CoordinationV1Api;
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly leaseDurationSeconds?: number;
  readonly renewIntervalMs?: number;
  readonly onStartedLeading: () => void;
  readonly onStoppedLeading: () => void;
}

export interface LeaderElector {
  readonly isLeader: () => boolean;
  start(): void;
  stop(): Promise<void>;
}

type Attempt = 'leading' | 'following';

function expired(spec: k8s.V1LeaseSpec | undefined, now: Date): boolean {
  if (spec?.holderIdentity === undefined || spec.holderIdentity === '') return true;
  const renewed = spec.renewTime ?? spec.acquireTime;
  if (renewed === undefined) return true;
  return new Date(renewed).getTime() + (spec.leaseDurationSeconds ?? 15) * 1000 < now.getTime();
}

function isStatus(err: unknown, ...codes: number[]): boolean {
  return err instanceof k8s.ApiException && codes.includes(err.code);
}

export function createLeaderElector(o: LeaderElectionOptions): LeaderElector {
  const duration = o.leaseDurationSeconds ?? 15;
  const interval = o.renewIntervalMs ?? Math.max(500, (duration * 1000) / 3);
  let leading = false;
  let lastRenew = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  const spec = (now: Date, transitions: number, acquired?: Date): k8s.V1LeaseSpec => ({
    holderIdentity: o.identity,
    leaseDurationSeconds: duration,
    acquireTime: new k8s.V1MicroTime((acquired ?? now).getTime()),
    renewTime: new k8s.V1MicroTime(now.getTime()),
    leaseTransitions: transitions,
  });

  async function attempt(): Promise<Attempt> {
    const now = o.clock.now();
    let lease: k8s.V1Lease;
    try {
      lease = await o.coordination.readNamespacedLease({ name: o.name, namespace: o.namespace });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
      const body = { metadata: { name: o.name, namespace: o.namespace }, spec: spec(now, 0) };
      await o.coordination.createNamespacedLease({ namespace: o.namespace, body });
      return 'leading';
    }
    const mine = lease.spec?.holderIdentity === o.identity;
    if (!mine && !expired(lease.spec, now)) return 'following';
    const transitions = (lease.spec?.leaseTransitions ?? 0) + (mine ? 0 : 1);
    const acquired =
      mine && lease.spec?.acquireTime !== undefined ? new Date(lease.spec.acquireTime) : now;
    const body = { ...lease, spec: spec(now, transitions, acquired) };
    await o.coordination.replaceNamespacedLease({ name: o.name, namespace: o.namespace, body });
    return 'leading';
  }

  function transition(next: boolean): void {
    if (next === leading) return;
    leading = next;
    o.logger.info(
      { lease: `${o.namespace}/${o.name}`, identity: o.identity, leading },
      leading ? 'became leader' : 'stopped leading',
    );
    if (leading) o.onStartedLeading();
    else o.onStoppedLeading();
  }

  async function tick(): Promise<void> {
    try {
      const result = await attempt();
      if (result === 'leading') lastRenew = o.clock.now().getTime();
      transition(result === 'leading');
    } catch (err) {
      // A conflict means another candidate wrote first; anything else is an API error.
      if (!isStatus(err, 409)) o.logger.warn({ err, lease: o.name }, 'lease attempt failed');
      const stale = o.clock.now().getTime() - lastRenew > duration * 1000;
      if (leading && stale) transition(false);
    }
    if (!stopped) timer = setTimeout(() => void tick(), interval);
  }

  return {
    isLeader: () => leading,
    start() {
      if (!stopped) return;
      stopped = false;
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (!leading) return;
      try {
        const lease = await o.coordination.readNamespacedLease({
          name: o.name,
          namespace: o.namespace,
        });
        if (lease.spec?.holderIdentity === o.identity) {
          const body = {
            ...lease,
            spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1 },
          };
          await o.coordination.replaceNamespacedLease({
            name: o.name,
            namespace: o.namespace,
            body,
          });
        }
      } catch (err) {
        o.logger.warn({ err }, 'could not release the lease; it expires by itself');
      }
      transition(false);
    },
  };
}
