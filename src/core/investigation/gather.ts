import { emptySnapshot, type Snapshot } from '../analyzers/snapshot.ts';
import type { KubeEvent } from '../kube/cluster-objects.ts';
import type { KindName, KindObject } from '../kube/kinds.ts';
import type { ClusterPort, EventQuery, Listed, ListQuery } from '../ports.ts';
import type { Resolved } from './resolve.ts';

/**
 * Reads the objects around a target in one round of parallel requests:
 * the namespace's workloads, pods, events, Services, EndpointSlices, HPAs,
 * claims and PDBs, plus the cluster's nodes and StorageClasses (for a Node:
 * its pods across namespaces). What cannot be read becomes a warning and
 * the report is marked partial; nothing here throws for one failed list.
 */
export const listLimit = 1000;
export const eventLimit = 2000;

export interface Notes {
  readonly warnings: string[];
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function safely<T>(
  notes: Notes,
  what: string,
  fallback: T,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    notes.warnings.push(`could not read ${what}: ${describeError(err)}`);
    return fallback;
  }
}

interface Read<T> {
  readonly items: T[];
  /** Read in full: no error, not truncated. */
  readonly complete: boolean;
}

async function listed<K extends KindName>(
  cluster: ClusterPort,
  notes: Notes,
  kind: K,
  query: ListQuery,
): Promise<Read<KindObject<K>>> {
  const where = query.namespace === undefined ? '' : ` in ${query.namespace}`;
  const none: Listed<KindObject<K>> | undefined = undefined;
  const result = await safely(notes, `${kind}s${where}`, none, () =>
    cluster.list(kind, { limit: listLimit, ...query }),
  );
  if (result === undefined) return { items: [], complete: false };
  if (result.truncated)
    notes.warnings.push(`only the first ${listLimit} ${kind}s${where} were read`);
  return { items: [...result.items], complete: !result.truncated };
}

async function events(cluster: ClusterPort, notes: Notes, query: EventQuery, what: string) {
  const none: Listed<KubeEvent> | undefined = undefined;
  const result = await safely(notes, what, none, () => cluster.events(query));
  return [...(result?.items ?? [])];
}

async function gatherNamespace(
  cluster: ClusterPort,
  notes: Notes,
  namespace: string,
  now: string,
): Promise<Snapshot> {
  const q = { namespace };
  const list = <K extends KindName>(kind: K, query: ListQuery = q) =>
    listed(cluster, notes, kind, query);
  const [
    pods,
    replicaSets,
    deployments,
    statefulSets,
    daemonSets,
    jobs,
    cronJobs,
    services,
    endpointSlices,
    hpas,
    pvcs,
    pdbs,
    nodes,
    storageClasses,
    recent,
  ] = await Promise.all([
    list('Pod'),
    list('ReplicaSet'),
    list('Deployment'),
    list('StatefulSet'),
    list('DaemonSet'),
    list('Job'),
    list('CronJob'),
    list('Service'),
    list('EndpointSlice'),
    list('HorizontalPodAutoscaler'),
    list('PersistentVolumeClaim'),
    list('PodDisruptionBudget'),
    list('Node', {}),
    list('StorageClass', {}),
    events(cluster, notes, { namespace, limit: eventLimit }, `Events in ${namespace}`),
  ]);
  return {
    ...emptySnapshot(now),
    pods: pods.items,
    replicaSets: replicaSets.items,
    deployments: deployments.items,
    statefulSets: statefulSets.items,
    daemonSets: daemonSets.items,
    jobs: jobs.items,
    cronJobs: cronJobs.items,
    services: services.items,
    endpointSlices: endpointSlices.items,
    hpas: hpas.items,
    pvcs: pvcs.items,
    pdbs: pdbs.items,
    nodes: nodes.items,
    storageClasses: storageClasses.items,
    events: recent,
    checked: [
      ...(pods.complete ? [`Pod/${namespace}/*`] : []),
      ...(storageClasses.complete ? ['StorageClass/*'] : []),
    ],
  };
}

async function gatherNode(
  cluster: ClusterPort,
  notes: Notes,
  name: string,
  now: string,
): Promise<Snapshot> {
  const [nodes, pods, pdbs, recent] = await Promise.all([
    listed(cluster, notes, 'Node', {}),
    listed(cluster, notes, 'Pod', { fieldSelector: `spec.nodeName=${name}` }),
    listed(cluster, notes, 'PodDisruptionBudget', {}),
    events(
      cluster,
      notes,
      { involvedObject: { kind: 'Node', name }, limit: 200 },
      `Events of Node ${name}`,
    ),
  ]);
  return {
    ...emptySnapshot(now),
    nodes: nodes.items,
    pods: pods.items,
    pdbs: pdbs.items,
    events: recent,
  };
}

export function gatherObjects(
  cluster: ClusterPort,
  notes: Notes,
  target: Resolved,
  now: string,
): Promise<Snapshot> {
  return target.kind === 'Node'
    ? gatherNode(cluster, notes, target.name, now)
    : gatherNamespace(cluster, notes, target.namespace, now);
}
