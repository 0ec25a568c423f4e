import type * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';
import {
  createResourceInformer,
  type ResourceInformer,
} from '../../adapters/kube/resource-informer.ts';
import { toPlain } from '../../adapters/kube/to-plain.ts';
import { classifierOf, type EventEnricher } from '../../app/intake/event-enricher.ts';
import { type IntakeContext, type IntakeDeps, intake } from '../../app/intake/event-intake.ts';
import type { Registry } from '../../core/config-registry.ts';
import {
  type KubernetesSource,
  kubernetesEvent,
  lastSeen,
  selects,
} from '../../core/events/kubernetes-events.ts';
import type { WorkloadRef } from '../../core/events/workload.ts';
import { eventSchema, type KubeEvent } from '../../core/kube/cluster-objects.ts';
import { isKindName } from '../../core/kube/kinds.ts';
import { matchesSelector } from '../../core/kube/selectors.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import { parseDuration } from '../../core/resources/index.ts';

/**
 * kubernetes Sources: one watch of core/v1 Events (client-node informer,
 * relisting and restarting on its own), each event offered to every
 * kubernetes Source that selects it, keyed by the involved object's
 * workload and reason, then through the same intake as webhooks (rate
 * limit, dedup, one job per incident). Events last seen before the dedup
 * window (the initial list's history) start nothing. Runs in the one
 * replica holding the controller Lease.
 */
export interface KubeEventWatcherDeps {
  readonly kc: k8s.KubeConfig;
  readonly core: Pick<k8s.CoreV1Api, 'listEventForAllNamespaces'>;
  readonly registry: Pick<Registry, 'sources'>;
  readonly intake: IntakeDeps;
  readonly enricher: EventEnricher;
  /** Reads the involved object's labels for a Source's labelSelector. */
  readonly cluster: Pick<ClusterPort, 'get'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface KubeEventWatcher {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export function createKubeEventWatcher(deps: KubeEventWatcherDeps): KubeEventWatcher {
  const contexts = new WeakMap<KubernetesSource, IntakeContext>();
  const contextOf = (source: KubernetesSource): IntakeContext => {
    let c = contexts.get(source);
    if (c === undefined) {
      const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
      c = {
        label,
        windowMs: parseDuration(source.spec.dedup.window) ?? 300_000,
        dedupHit: () => {},
        ...classifierOf(deps.enricher, source.spec.classification),
      };
      contexts.set(source, c);
    }
    return c;
  };

  const workloadOf = async (label: string, e: KubeEvent): Promise<WorkloadRef | undefined> => {
    const { kind, name, namespace } = e.involvedObject;
    if (kind === undefined || name === undefined || namespace === undefined) return undefined;
    if (workloadKinds.has(kind)) return { kind, namespace, name };
    if (kind !== 'Pod') return undefined;
    const [w] = await deps.enricher.workloads(label, [{ namespace, pod: name }]);
    return w;
  };

  /** Whether the involved object's labels match the Source's selector (no selector: yes). */
  const labelled = async (source: KubernetesSource, e: KubeEvent): Promise<boolean> => {
    const selector = source.spec.kubernetes.labelSelector;
    if (selector === undefined) return true;
    const { kind, name, namespace } = e.involvedObject;
    if (kind === undefined || name === undefined || !isKindName(kind)) return false;
    const object = await deps.cluster.get(kind, name, namespace);
    return object !== undefined && matchesSelector(object.metadata.labels, selector);
  };

  const offer = async (source: KubernetesSource, e: KubeEvent) => {
    const context = contextOf(source);
    const now = deps.clock.now();
    if (lastSeen(e) < now.getTime() - context.windowMs) return;
    if (!(await labelled(source, e))) return;
    const event = kubernetesEvent(source, e, await workloadOf(context.label, e), now);
    if (source.spec.suspend) return deps.intake.onEvent?.(source, 'suspended', event);
    const result = await intake(deps.intake, source, context, [event], now);
    if (!result.allowed) deps.intake.onEvent?.(source, 'rate_limited', event);
  };

  const onEvent = (raw: k8s.CoreV1Event) => {
    // Listed objects carry Dates, watched ones strings: both become plain JSON first.
    const parsed = eventSchema.safeParse(toPlain(raw));
    if (!parsed.success) return;
    for (const source of deps.registry.sources()) {
      if (source.spec.type !== 'kubernetes') continue;
      const s = source as KubernetesSource;
      if (!selects(s, parsed.data)) continue;
      offer(s, parsed.data).catch((err: unknown) =>
        deps.logger.warn({ err, source: contextOf(s).label }, 'kubernetes event not ingested'),
      );
    }
  };

  let informer: ResourceInformer<k8s.CoreV1Event> | undefined;
  return {
    async start() {
      informer ??= createResourceInformer<k8s.CoreV1Event>({
        kc: deps.kc,
        path: '/api/v1/events',
        list: () => deps.core.listEventForAllNamespaces(),
        logger: deps.logger,
        onEvent: ({ type, object }) => {
          if (type !== 'delete') onEvent(object);
        },
      });
      await informer.start();
    },
    async stop() {
      await informer?.stop();
      informer = undefined;
    },
  };
}
