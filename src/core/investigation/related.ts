import {
  controllerOf,
  podsOfWorkload,
  replicaSetsOf,
  workloadRefOf,
} from '../analyzers/ownership.ts';
import type { Snapshot } from '../analyzers/snapshot.ts';
import { configRefs } from '../kube/config-refs.ts';
import type { HasMeta } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { objectRef, refOf } from '../kube/refs.ts';
import { matchesLabels, matchesSelector } from '../kube/selectors.ts';
import type { Finding } from './report.ts';

/**
 * The objects related to an investigation's target: for a Pod its owners
 * and siblings, for a Deployment its ReplicaSets and pods, for a Service
 * the pods it selects, … and for each such pod its node, claims,
 * ConfigMaps, Secrets, Services, HPAs and PDBs. Findings about anything
 * else in the snapshot are left out of the report.
 */
export interface Primary {
  readonly kind: string;
  readonly ref: string;
  readonly namespace: string;
  readonly object: HasMeta;
}

export type Related = ReadonlySet<string> | 'everything';

function sameNs(object: HasMeta, namespace: string): boolean {
  return object.metadata.namespace === namespace;
}

function podLinks(pod: Pod, snapshot: Snapshot, out: Set<string>): void {
  const ns = pod.metadata.namespace ?? '';
  out.add(refOf('Pod', pod));
  if (pod.spec?.nodeName !== undefined) out.add(objectRef('Node', pod.spec.nodeName));
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim !== undefined)
      out.add(objectRef('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, ns));
  }
  for (const c of configRefs(pod)) out.add(objectRef(c.kind, c.name, ns));
  for (const s of snapshot.services) {
    if (sameNs(s, ns) && matchesLabels(pod.metadata.labels, s.spec?.selector))
      out.add(refOf('Service', s));
  }
  for (const p of snapshot.pdbs) {
    if (sameNs(p, ns) && matchesSelector(pod.metadata.labels, p.spec?.selector))
      out.add(refOf('PodDisruptionBudget', p));
  }
}

function addWorkload(ref: string, snapshot: Snapshot, out: Set<string>): void {
  out.add(ref);
  const [kind, ns = '', name] = ref.split('/');
  const deployment =
    kind === 'Deployment'
      ? snapshot.deployments.find((d) => d.metadata.name === name && sameNs(d, ns))
      : undefined;
  if (deployment !== undefined)
    for (const rs of replicaSetsOf(deployment, snapshot)) out.add(refOf('ReplicaSet', rs));
  for (const h of snapshot.hpas) {
    if (sameNs(h, ns) && h.spec.scaleTargetRef.kind === kind && h.spec.scaleTargetRef.name === name)
      out.add(refOf('HorizontalPodAutoscaler', h));
  }
  for (const pod of podsOfWorkload(ref, snapshot)) podLinks(pod, snapshot, out);
}

function addPods(pods: readonly Pod[], snapshot: Snapshot, out: Set<string>): void {
  for (const pod of pods) {
    const workload = workloadRefOf(pod, snapshot);
    if (workload === undefined) podLinks(pod, snapshot, out);
    else addWorkload(workload, snapshot, out);
  }
}

/** The pods a Pod, Service, claim or PDB target stands for; undefined for other kinds. */
function selectedPods(primary: Primary, snapshot: Snapshot): Pod[] | undefined {
  const ns = primary.namespace;
  const name = primary.object.metadata.name;
  const inNs = snapshot.pods.filter((p) => sameNs(p, ns));
  const named = <T extends HasMeta>(list: readonly T[]) =>
    list.find((o) => o.metadata.name === name && sameNs(o, ns));
  switch (primary.kind) {
    case 'Pod':
      return inNs.filter((p) => p.metadata.name === name);
    case 'Service': {
      const selector = named(snapshot.services)?.spec?.selector;
      return inNs.filter((p) => matchesLabels(p.metadata.labels, selector));
    }
    case 'PersistentVolumeClaim':
      return inNs.filter((p) =>
        (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name),
      );
    case 'PodDisruptionBudget': {
      const selector = named(snapshot.pdbs)?.spec?.selector;
      return inNs.filter((p) => matchesSelector(p.metadata.labels, selector));
    }
    default:
      return undefined;
  }
}

function seed(primary: Primary, snapshot: Snapshot, out: Set<string>): void {
  if (primary.kind === 'Node') {
    const onNode = snapshot.pods.filter((p) => p.spec?.nodeName === primary.object.metadata.name);
    for (const p of onNode) podLinks(p, snapshot, out);
    return;
  }
  const pods = selectedPods(primary, snapshot);
  if (pods === undefined) seedWorkload(primary, snapshot, out);
  else addPods(pods, snapshot, out);
}

function seedWorkload(primary: Primary, snapshot: Snapshot, out: Set<string>): void {
  const ns = primary.namespace;
  const o = primary.object;
  if (primary.kind === 'HorizontalPodAutoscaler') {
    const hpa = snapshot.hpas.find((h) => h.metadata.name === o.metadata.name && sameNs(h, ns));
    if (hpa !== undefined)
      addWorkload(
        objectRef(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name, ns),
        snapshot,
        out,
      );
    return;
  }
  if (primary.kind === 'CronJob') {
    for (const job of snapshot.jobs.filter(
      (j) => sameNs(j, ns) && controllerOf(j)?.name === o.metadata.name,
    ))
      addWorkload(refOf('Job', job), snapshot, out);
    return;
  }
  const owner = primary.kind === 'ReplicaSet' ? controllerOf(o) : undefined;
  addWorkload(
    owner?.kind === 'Deployment' ? objectRef('Deployment', owner.name, ns) : primary.ref,
    snapshot,
    out,
  );
}

export function relatedTo(primary: Primary, snapshot: Snapshot): Related {
  if (primary.kind === 'Namespace') return 'everything';
  const out = new Set<string>([primary.ref]);
  seed(primary, snapshot, out);
  if (primary.kind === 'Service') {
    for (const s of snapshot.endpointSlices) {
      if (s.metadata.labels?.['kubernetes.io/service-name'] === primary.object.metadata.name)
        out.add(refOf('EndpointSlice', s));
    }
  }
  if (primary.kind === 'PersistentVolumeClaim') {
    const pvc = snapshot.pvcs.find((p) => p.metadata.name === primary.object.metadata.name);
    if (pvc?.spec?.storageClassName) out.add(objectRef('StorageClass', pvc.spec.storageClassName));
  }
  return out;
}

export function isRelevant(finding: Finding, related: Related): boolean {
  if (related === 'everything') return true;
  return related.has(finding.object) || finding.affected.some((ref) => related.has(ref));
}
