import * as k8s from '@kubernetes/client-node';
import { toAppError } from '../api-errors.ts';
import { createRequestOptions } from '../request-options.ts';

/**
 * The only Kubernetes calls remediation makes, one method per API verb.
 * Every method maps to one RBAC permission (`permissionOf`), so the
 * catalogue's `rbac` lists can be checked against what actually runs.
 * Objects come back as plain JSON; errors as AppError (404 → not_found,
 * 409 → conflict, 429 → rate_limited).
 */
export type ApiKind =
  | 'Pod'
  | 'Node'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'Job'
  | 'HorizontalPodAutoscaler';

export interface ObjectRef {
  readonly kind: ApiKind;
  /** Empty for a Node. */
  readonly namespace: string;
  readonly name: string;
}

export type PlainObject = Record<string, unknown>;
export type PatchType = 'merge' | 'strategic' | 'json';

export interface Selectors {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface RemediationApi {
  read(ref: ObjectRef): Promise<PlainObject>;
  /** Across all namespaces when `namespace` is empty. */
  list(kind: ApiKind, namespace: string, selectors: Selectors): Promise<PlainObject[]>;
  patch(ref: ObjectRef, body: unknown, type: PatchType, dryRun: boolean): Promise<PlainObject>;
  create(
    kind: ApiKind,
    namespace: string,
    body: PlainObject,
    dryRun: boolean,
  ): Promise<PlainObject>;
  /** Deletes with a uid precondition (when given) and background propagation. */
  remove(ref: ObjectRef, dryRun: boolean, uid?: string): Promise<void>;
  /** The Eviction API (policy/v1); a PodDisruptionBudget's refusal is rate_limited. */
  evict(pod: ObjectRef, dryRun: boolean, gracePeriodSeconds?: number): Promise<void>;
}

export type ApiMethod = 'read' | 'list' | 'patch' | 'create' | 'remove' | 'evict';

const resources: Readonly<Record<ApiKind, { resource: string; group: string }>> = {
  Pod: { resource: 'pods', group: 'core' },
  Node: { resource: 'nodes', group: 'core' },
  Deployment: { resource: 'deployments', group: 'apps' },
  StatefulSet: { resource: 'statefulsets', group: 'apps' },
  DaemonSet: { resource: 'daemonsets', group: 'apps' },
  ReplicaSet: { resource: 'replicasets', group: 'apps' },
  Job: { resource: 'jobs', group: 'batch' },
  HorizontalPodAutoscaler: { resource: 'horizontalpodautoscalers', group: 'autoscaling' },
};

const verbs: Readonly<Record<ApiMethod, string>> = {
  read: 'get',
  list: 'list',
  patch: 'patch',
  create: 'create',
  remove: 'delete',
  evict: 'create',
};

/** The RBAC permission one call needs, as the catalogue writes it. */
export function permissionOf(method: ApiMethod, kind: ApiKind): string {
  const { resource, group } = resources[kind];
  const sub = method === 'evict' ? '/eviction' : '';
  return `${verbs[method]} ${resource}${sub} (${group})`;
}

export function toPlain(value: unknown): PlainObject {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    v === null || key === 'managedFields' ? undefined : v,
  ) as PlainObject;
}

const contentTypes: Readonly<Record<PatchType, string>> = {
  merge: k8s.PatchStrategy.MergePatch,
  strategic: k8s.PatchStrategy.StrategicMergePatch,
  json: k8s.PatchStrategy.JsonPatch,
};

interface Clients {
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly batch: k8s.BatchV1Api;
  readonly autoscaling: k8s.AutoscalingV2Api;
}

export function clientsFrom(kc: k8s.KubeConfig): Clients {
  return {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    batch: kc.makeApiClient(k8s.BatchV1Api),
    autoscaling: kc.makeApiClient(k8s.AutoscalingV2Api),
  };
}

type Named = { name: string; namespace: string };
type Opts = k8s.ConfigurationOptions;

interface KindOps {
  read(r: Named, o: Opts): Promise<unknown>;
  list(namespace: string, s: Selectors, o: Opts): Promise<{ items: unknown[] }>;
  patch(r: Named & { body: unknown; dryRun?: string }, o: Opts): Promise<unknown>;
  create?(r: { namespace: string; body: never; dryRun?: string }, o: Opts): Promise<unknown>;
  remove?(r: Named & { dryRun?: string; body: k8s.V1DeleteOptions }, o: Opts): Promise<unknown>;
}

function workloadOps(c: Clients): Partial<Record<ApiKind, KindOps>> {
  const { apps, batch, autoscaling } = c;
  return {
    Deployment: {
      read: (r, o) => apps.readNamespacedDeployment(r, o),
      list: (namespace, s, o) => apps.listNamespacedDeployment({ namespace, ...s }, o),
      patch: (r, o) => apps.patchNamespacedDeployment(r, o),
    },
    StatefulSet: {
      read: (r, o) => apps.readNamespacedStatefulSet(r, o),
      list: (namespace, s, o) => apps.listNamespacedStatefulSet({ namespace, ...s }, o),
      patch: (r, o) => apps.patchNamespacedStatefulSet(r, o),
    },
    DaemonSet: {
      read: (r, o) => apps.readNamespacedDaemonSet(r, o),
      list: (namespace, s, o) => apps.listNamespacedDaemonSet({ namespace, ...s }, o),
      patch: (r, o) => apps.patchNamespacedDaemonSet(r, o),
    },
    ReplicaSet: {
      read: (r, o) => apps.readNamespacedReplicaSet(r, o),
      list: (namespace, s, o) => apps.listNamespacedReplicaSet({ namespace, ...s }, o),
      patch: (r, o) => apps.patchNamespacedReplicaSet(r, o),
    },
    Job: {
      read: (r, o) => batch.readNamespacedJob(r, o),
      list: (namespace, s, o) => batch.listNamespacedJob({ namespace, ...s }, o),
      patch: (r, o) => batch.patchNamespacedJob(r, o),
      create: (r, o) => batch.createNamespacedJob(r, o),
      remove: (r, o) => batch.deleteNamespacedJob(r, o),
    },
    HorizontalPodAutoscaler: {
      read: (r, o) => autoscaling.readNamespacedHorizontalPodAutoscaler(r, o),
      list: (namespace, s, o) =>
        autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace, ...s }, o),
      patch: (r, o) => autoscaling.patchNamespacedHorizontalPodAutoscaler(r, o),
    },
  };
}

function coreOps({ core }: Clients): Partial<Record<ApiKind, KindOps>> {
  return {
    Pod: {
      read: (r, o) => core.readNamespacedPod(r, o),
      list: (namespace, s, o) =>
        namespace === ''
          ? core.listPodForAllNamespaces(s, o)
          : core.listNamespacedPod({ namespace, ...s }, o),
      patch: (r, o) => core.patchNamespacedPod(r, o),
      remove: (r, o) => core.deleteNamespacedPod(r, o),
    },
    Node: {
      read: (r, o) => core.readNode({ name: r.name }, o),
      list: (_ns, s, o) => core.listNode(s, o),
      patch: (r, o) => core.patchNode({ name: r.name, body: r.body, ...dry(r.dryRun) }, o),
    },
  };
}

function dry(value: string | undefined): { dryRun?: string } {
  return value === undefined ? {} : { dryRun: value };
}

function opsOf(table: Partial<Record<ApiKind, KindOps>>, kind: ApiKind): KindOps {
  const ops = table[kind];
  if (ops === undefined) throw new Error(`remediation cannot act on ${kind}`);
  return ops;
}

function describe(ref: ObjectRef): string {
  return ref.namespace === ''
    ? `${ref.kind}/${ref.name}`
    : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toAppError(err, what);
  }
}

/**
 * The adapter over client-node's typed APIs, from clients the caller built.
 * Every request gives up after `timeoutMs` (default 30 s).
 */
export function createRemediationApi(clients: Clients, timeoutMs = 30_000): RemediationApi {
  const table = { ...workloadOps(clients), ...coreOps(clients) };
  const allDry = (dryRun: boolean) => dry(dryRun ? 'All' : undefined);
  const o = createRequestOptions(timeoutMs);
  return {
    read: (ref) =>
      call(`read ${describe(ref)}`, async () =>
        toPlain(await opsOf(table, ref.kind).read(ref, o())),
      ),
    list: (kind, namespace, selectors) =>
      call(`list ${kind}`, async () => {
        const list = await opsOf(table, kind).list(namespace, selectors, o());
        return list.items.map(toPlain);
      }),
    patch: (ref, body, type, dryRun) =>
      call(`patch ${describe(ref)}`, async () => {
        const options = k8s.setHeaderOptions('Content-Type', contentTypes[type], o());
        const req = { ...ref, body, ...allDry(dryRun) };
        return toPlain(await opsOf(table, ref.kind).patch(req, options));
      }),
    create: (kind, namespace, body, dryRun) =>
      call(`create ${kind} in ${namespace}`, async () => {
        const create = opsOf(table, kind).create;
        if (create === undefined) throw new Error(`remediation cannot create a ${kind}`);
        return toPlain(await create({ namespace, body: body as never, ...allDry(dryRun) }, o()));
      }),
    remove: (ref, dryRun, uid) =>
      call(`delete ${describe(ref)}`, async () => {
        const remove = opsOf(table, ref.kind).remove;
        if (remove === undefined) throw new Error(`remediation cannot delete a ${ref.kind}`);
        // With a body, the API server reads DeleteOptions from it, not from the query.
        const body: k8s.V1DeleteOptions = {
          propagationPolicy: 'Background',
          ...(dryRun ? { dryRun: ['All'] } : {}),
          ...(uid === undefined ? {} : { preconditions: { uid } }),
        };
        await remove({ ...ref, body, ...allDry(dryRun) }, o());
      }),
    evict: (pod, dryRun, gracePeriodSeconds) =>
      call(`evict ${describe(pod)}`, async () => {
        const body: k8s.V1Eviction = {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: pod.name, namespace: pod.namespace },
          deleteOptions: {
            ...(dryRun ? { dryRun: ['All'] } : {}),
            ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
          },
        };
        const req = { ...pod, body, ...allDry(dryRun) };
        await clients.core.createNamespacedPodEviction(req, o());
      }),
  };
}

/** Wraps an API to record the permission of every call it makes (tests, audits). */
export function recordingApi(api: RemediationApi, seen: Set<string>): RemediationApi {
  const note = <T>(method: ApiMethod, kind: ApiKind, run: () => Promise<T>): Promise<T> => {
    seen.add(permissionOf(method, kind));
    return run();
  };
  return {
    read: (ref) => note('read', ref.kind, () => api.read(ref)),
    list: (kind, ns, s) => note('list', kind, () => api.list(kind, ns, s)),
    patch: (ref, body, type, d) => note('patch', ref.kind, () => api.patch(ref, body, type, d)),
    create: (kind, ns, body, d) => note('create', kind, () => api.create(kind, ns, body, d)),
    remove: (ref, d, uid) => note('remove', ref.kind, () => api.remove(ref, d, uid)),
    evict: (pod, d, grace) => note('evict', 'Pod', () => api.evict(pod, d, grace)),
  };
}
