import type { OwnerLink } from '../ports.ts';

/**
 * The workload an event is about, for `dedup.key: workload`: alerts about
 * three pods of one Deployment are one incident. Found from the labels
 * when they name the workload (kube-state-metrics' `deployment`,
 * `statefulset`, `daemonset`, `job_name`), else by walking the pod's
 * controller chain (Pod → ReplicaSet → Deployment) in the adapter.
 */
export interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Why an event's workload could not be told; the event then falls back to its group. */
export type UnresolvedReason =
  | 'no-target-labels'
  | 'pod-not-found'
  | 'no-controller'
  | 'lookup-failed';

export type WorkloadResolution =
  | { readonly ok: true; readonly workload: WorkloadRef }
  | { readonly ok: false; readonly reason: UnresolvedReason };

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

const labelKinds: readonly (readonly [string, string])[] = [
  ['deployment', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['job_name', 'Job'],
];

export const workloadKey = (w: WorkloadRef) => `${w.kind}/${w.namespace}/${w.name}`;

/** The workload the labels name directly, if any. */
export function workloadFromLabels(
  labels: Readonly<Record<string, string>>,
): WorkloadRef | undefined {
  const namespace = labels.namespace;
  if (namespace === undefined) return undefined;
  for (const [label, kind] of labelKinds) {
    const name = labels[label];
    if (name !== undefined && name !== '') return { kind, namespace, name };
  }
  return undefined;
}

/** The outermost workload in a controller chain (a bare ReplicaSet counts when nothing owns it). */
export function workloadFromChain(
  namespace: string,
  chain: readonly OwnerLink[],
): WorkloadRef | undefined {
  const top = chain.findLast((link) => workloadKinds.has(link.kind));
  const link = top ?? chain.find((l) => l.kind === 'ReplicaSet');
  return link === undefined
    ? undefined
    : { kind: link.kind, namespace: link.namespace ?? namespace, name: link.name };
}
