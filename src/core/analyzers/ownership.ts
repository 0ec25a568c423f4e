import type { HasMeta, OwnerReference } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { objectRef, refOf } from '../kube/refs.ts';
import type { Deployment, ReplicaSet } from '../kube/workloads.ts';
import type { Snapshot } from './snapshot.ts';

/** The controller owner of an object (or its first owner). */
export function controllerOf(object: HasMeta): OwnerReference | undefined {
  const owners = object.metadata.ownerReferences ?? [];
  return owners.find((o) => o.controller === true) ?? owners[0];
}

export function isOwnedBy(object: HasMeta, owner: HasMeta, kind: string): boolean {
  const ref = controllerOf(object);
  if (ref === undefined || ref.kind !== kind || ref.name !== owner.metadata.name) return false;
  return (
    ref.uid === undefined || owner.metadata.uid === undefined || ref.uid === owner.metadata.uid
  );
}

function sameNamespace(a: HasMeta, namespace: string | undefined): boolean {
  return a.metadata.namespace === namespace;
}

function replicaSetOf(pod: Pod, snapshot: Snapshot, name: string): ReplicaSet | undefined {
  return snapshot.replicaSets.find(
    (rs) => rs.metadata.name === name && sameNamespace(rs, pod.metadata.namespace),
  );
}

/** The Deployment a ReplicaSet's name implies, when the ReplicaSet itself was not read. */
function deploymentFromHash(pod: Pod, replicaSetName: string): string | undefined {
  const hash = pod.metadata.labels?.['pod-template-hash'];
  const suffix = `-${hash ?? ''}`;
  return hash !== undefined && replicaSetName.endsWith(suffix)
    ? replicaSetName.slice(0, -suffix.length)
    : undefined;
}

/**
 * The workload a pod belongs to, as a ref: its Deployment (through its
 * ReplicaSet), StatefulSet, DaemonSet or Job; undefined for a bare pod.
 */
export function workloadRefOf(pod: Pod, snapshot: Snapshot): string | undefined {
  const owner = controllerOf(pod);
  const namespace = pod.metadata.namespace;
  if (owner === undefined) return undefined;
  if (owner.kind !== 'ReplicaSet') return objectRef(owner.kind, owner.name, namespace);
  const rs = replicaSetOf(pod, snapshot, owner.name);
  const rsOwner = rs === undefined ? undefined : controllerOf(rs);
  if (rsOwner?.kind === 'Deployment') return objectRef('Deployment', rsOwner.name, namespace);
  if (rs !== undefined) return refOf('ReplicaSet', rs);
  const guessed = deploymentFromHash(pod, owner.name);
  return guessed === undefined
    ? objectRef('ReplicaSet', owner.name, namespace)
    : objectRef('Deployment', guessed, namespace);
}

export function revisionOf(object: HasMeta): number | undefined {
  const text = object.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(value) ? value : undefined;
}

/** A Deployment's ReplicaSets, newest revision first. */
export function replicaSetsOf(deployment: Deployment, snapshot: Snapshot): ReplicaSet[] {
  return snapshot.replicaSets
    .filter((rs) => isOwnedBy(rs, deployment, 'Deployment'))
    .sort((a, b) => (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0));
}

export function podsOfReplicaSet(rs: ReplicaSet, snapshot: Snapshot): Pod[] {
  return snapshot.pods.filter((pod) => isOwnedBy(pod, rs, 'ReplicaSet'));
}

/** The pods a workload ref (from workloadRefOf) stands for. */
export function podsOfWorkload(ref: string, snapshot: Snapshot): Pod[] {
  return snapshot.pods.filter((pod) => workloadRefOf(pod, snapshot) === ref);
}
