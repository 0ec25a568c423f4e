import type { Snapshot } from '../../src/core/analyzers/snapshot.ts';
import { AppError } from '../../src/core/errors.ts';
import { isKindName, type KindName, type KindObject } from '../../src/core/kube/kinds.ts';
import type { HasMeta, OwnerReference } from '../../src/core/kube/meta.ts';
import type {
  ClusterPort,
  EventQuery,
  ListQuery,
  LogQuery,
  OwnerLink,
} from '../../src/core/ports.ts';

/**
 * An in-memory ClusterPort over plain objects, for unit tests of the
 * investigate use case. `failing` makes a kind (or `events`, `logs`)
 * answer with an AppError, as a forbidden or unreachable API would.
 */
export interface FakeWorld {
  readonly objects: Snapshot;
  /** Keyed `namespace/pod/container` (current) or `namespace/pod/container/previous`. */
  readonly logs?: Readonly<Record<string, string>>;
  readonly failing?: Partial<Record<KindName | 'events' | 'logs', AppError>>;
}

export interface FakeCluster extends ClusterPort {
  readonly calls: string[];
}

function pool(world: FakeWorld, kind: KindName): readonly HasMeta[] {
  const o = world.objects;
  const pools: Record<KindName, readonly HasMeta[]> = {
    Pod: o.pods,
    Event: o.events,
    ReplicaSet: o.replicaSets,
    Deployment: o.deployments,
    StatefulSet: o.statefulSets,
    DaemonSet: o.daemonSets,
    Job: o.jobs,
    CronJob: o.cronJobs,
    Node: o.nodes,
    Service: o.services,
    EndpointSlice: o.endpointSlices,
    HorizontalPodAutoscaler: o.hpas,
    PersistentVolumeClaim: o.pvcs,
    StorageClass: o.storageClasses,
    PodDisruptionBudget: o.pdbs,
    Namespace: [...new Set(o.pods.map((p) => p.metadata.namespace ?? ''))].map((name) => ({
      metadata: { name },
    })),
    ConfigMap: o.configMaps,
    Secret: o.secrets,
  };
  return pools[kind];
}

function matchesField(object: HasMeta, fieldSelector: string | undefined): boolean {
  if (fieldSelector === undefined) return true;
  return fieldSelector.split(',').every((term) => {
    const [path, value] = term.split('=');
    if (path === 'spec.nodeName')
      return (object as { spec?: { nodeName?: string } }).spec?.nodeName === value;
    if (path === 'metadata.name') return object.metadata.name === value;
    throw new Error(`fake cluster: unsupported field selector ${term}`);
  });
}

export function fakeCluster(world: FakeWorld): FakeCluster {
  const calls: string[] = [];
  const fail = (what: KindName | 'events' | 'logs') => {
    const err = world.failing?.[what];
    if (err !== undefined) throw err;
  };
  const cluster: FakeCluster = {
    calls,
    async get<K extends KindName>(kind: K, name: string, namespace?: string) {
      calls.push(`get ${kind} ${namespace ?? ''}/${name}`);
      fail(kind);
      const found = pool(world, kind).find(
        (o) =>
          o.metadata.name === name &&
          (namespace === undefined || o.metadata.namespace === namespace),
      );
      return found as KindObject<K> | undefined;
    },
    async list<K extends KindName>(kind: K, query: ListQuery = {}) {
      calls.push(`list ${kind} ${query.namespace ?? '*'}`);
      fail(kind);
      const items = pool(world, kind).filter(
        (o) =>
          (query.namespace === undefined || o.metadata.namespace === query.namespace) &&
          matchesField(o, query.fieldSelector),
      );
      return { items: items as KindObject<K>[], truncated: false };
    },
    async events(query: EventQuery) {
      calls.push(`events ${query.namespace ?? '*'}`);
      fail('events');
      const items = world.objects.events.filter(
        (e) =>
          (query.namespace === undefined || e.metadata.namespace === query.namespace) &&
          (query.involvedObject === undefined ||
            (e.involvedObject.kind === query.involvedObject.kind &&
              e.involvedObject.name === query.involvedObject.name)),
      );
      return { items, truncated: false };
    },
    async logs(query: LogQuery) {
      calls.push(
        `logs ${query.namespace}/${query.pod}/${query.container ?? ''}${query.previous ? '/previous' : ''}`,
      );
      fail('logs');
      return world.logs?.[
        `${query.namespace}/${query.pod}/${query.container ?? ''}${query.previous ? '/previous' : ''}`
      ];
    },
    async ownerChain(object: HasMeta): Promise<readonly OwnerLink[]> {
      const chain: OwnerLink[] = [];
      let current: HasMeta | undefined = object;
      while (current !== undefined) {
        const owner: OwnerReference | undefined = current.metadata.ownerReferences?.find(
          (o) => o.controller === true,
        );
        if (owner === undefined) break;
        const kind: string = owner.kind;
        const next: HasMeta | undefined = isKindName(kind)
          ? pool(world, kind).find(
              (o) =>
                o.metadata.name === owner.name &&
                o.metadata.namespace === object.metadata.namespace,
            )
          : undefined;
        chain.push({
          kind: owner.kind,
          name: owner.name,
          ...(object.metadata.namespace === undefined
            ? {}
            : { namespace: object.metadata.namespace }),
          ...(next === undefined ? {} : { object: next }),
        });
        current = next;
      }
      return chain;
    },
  };
  return cluster;
}

export function forbidden(what: string): AppError {
  return new AppError('forbidden', `${what} is forbidden`);
}
