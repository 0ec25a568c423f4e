import { isClusterScoped, type KindName } from '../kube/kinds.ts';
import type { HasMeta } from '../kube/meta.ts';
import { objectRef } from '../kube/refs.ts';
import type { ClusterPort } from '../ports.ts';
import { candidatesFromLabels, focusContainer, type TargetSpec } from './target.ts';

/** The object an investigation starts from, found in the cluster. */
export interface Resolved {
  readonly kind: KindName;
  readonly name: string;
  /** The namespace to look in ('' for a Node); a Namespace target's own name. */
  readonly namespace: string;
  readonly ref: string;
  readonly object: HasMeta;
  readonly container?: string;
  /** Other objects a bare name also matched. */
  readonly alsoMatches: readonly string[];
}

export type Resolution =
  | { readonly ok: true; readonly resolved: Resolved }
  | { readonly ok: false; readonly reason: 'not_found'; readonly message: string };

interface Candidate {
  readonly kind: KindName;
  readonly name: string;
  readonly namespace: string;
}

/** What a bare name may be, most likely first. */
const byNameOrder: readonly KindName[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  'Service',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
  'Node',
];

function candidatesOf(target: TargetSpec): Candidate[] {
  switch (target.by) {
    case 'ref':
      return [{ kind: target.kind, name: target.name, namespace: target.namespace }];
    case 'name':
      return byNameOrder.map((kind) => ({
        kind,
        name: target.name,
        namespace: isClusterScoped(kind) ? '' : target.namespace,
      }));
    case 'labels':
      return candidatesFromLabels(target.labels, target.namespace);
  }
}

function describeTarget(target: TargetSpec): string {
  if (target.by === 'labels') return `alert labels ${JSON.stringify(target.labels)}`;
  return target.by === 'ref'
    ? objectRef(target.kind, target.name, target.namespace)
    : `"${target.name}" in namespace ${target.namespace}`;
}

async function lookup(cluster: ClusterPort, c: Candidate): Promise<HasMeta | undefined> {
  return cluster.get(c.kind, c.name, isClusterScoped(c.kind) ? undefined : c.namespace);
}

/**
 * Finds the target's object. Candidates are looked up together; the first
 * that exists wins. A lookup error only matters when nothing was found.
 */
export async function resolveTarget(cluster: ClusterPort, target: TargetSpec): Promise<Resolution> {
  const candidates = candidatesOf(target);
  const settled = await Promise.allSettled(candidates.map((c) => lookup(cluster, c)));
  const found = candidates.flatMap((c, i) => {
    const result = settled[i];
    return result?.status === 'fulfilled' && result.value !== undefined
      ? [{ c, object: result.value }]
      : [];
  });
  const [first, ...others] = found;
  if (first === undefined) {
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return {
      ok: false,
      reason: 'not_found',
      message: `nothing found for ${describeTarget(target)}`,
    };
  }
  const { c, object } = first;
  const container = focusContainer(target);
  const ref = objectRef(c.kind, c.name, c.namespace);
  return {
    ok: true,
    resolved: {
      kind: c.kind,
      name: c.name,
      namespace: c.kind === 'Namespace' ? c.name : c.namespace,
      ref,
      object,
      ...(container === undefined ? {} : { container }),
      alsoMatches:
        target.by === 'name' ? others.map((o) => objectRef(o.c.kind, o.c.name, o.c.namespace)) : [],
    },
  };
}
