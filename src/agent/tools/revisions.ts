import { controllerOf, isOwnedBy, revisionOf } from '../../core/analyzers/ownership.ts';
import { templateDiff } from '../../core/analyzers/template-diff.ts';
import type { HasMeta } from '../../core/kube/meta.ts';
import { type Pod, type PodTemplate, podTemplateSchema } from '../../core/kube/pod.ts';
import type { PlainObject } from '../../core/ports.ts';

/**
 * A workload's revisions as rollout_history shows them: from a
 * Deployment's ReplicaSets (`deployment.kubernetes.io/revision`) or a
 * StatefulSet's / DaemonSet's ControllerRevisions, oldest first, each with
 * its images, creation time, ready counts and what it changed against the
 * revision before (the analyzers' template diff).
 */
export interface Revision {
  readonly revision: number;
  /** The ReplicaSet or ControllerRevision holding it. */
  readonly holder: string;
  readonly created: string | undefined;
  readonly template: PodTemplate | undefined;
  readonly ready: number;
  readonly replicas: number;
}

interface ReplicaSetLike extends HasMeta {
  readonly spec?: { readonly template?: PodTemplate | undefined } | undefined;
  readonly status?:
    | { readonly replicas?: number | undefined; readonly readyReplicas?: number | undefined }
    | undefined;
}

export function replicaSetRevisions(
  owner: HasMeta,
  replicaSets: readonly ReplicaSetLike[],
): Revision[] {
  return replicaSets
    .filter((rs) => isOwnedBy(rs, owner, 'Deployment'))
    .map((rs) => ({
      revision: revisionOf(rs) ?? 0,
      holder: `ReplicaSet/${rs.metadata.name}`,
      created: rs.metadata.creationTimestamp,
      template: rs.spec?.template,
      ready: rs.status?.readyReplicas ?? 0,
      replicas: rs.status?.replicas ?? 0,
    }))
    .sort((a, b) => a.revision - b.revision);
}

function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null && key in o
    ? (o as Record<string, unknown>)[key]
    : undefined;
}

const hashLabel = 'controller-revision-hash';

/** A pod belongs to a ControllerRevision when its hash label names it (StatefulSets: the full name; DaemonSets: the hash). */
function podsOf(revisionName: string, kind: string, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => {
    const hash = p.metadata.labels?.[hashLabel];
    const owner = controllerOf(p);
    return (
      hash !== undefined &&
      owner?.kind === kind &&
      (hash === revisionName || `${owner.name}-${hash}` === revisionName)
    );
  });
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function controllerRevisions(
  owner: HasMeta & { readonly kind: 'StatefulSet' | 'DaemonSet' },
  revisions: readonly PlainObject[],
  pods: readonly Pod[],
): Revision[] {
  return revisions
    .flatMap((raw) => {
      const meta = field(raw, 'metadata') as HasMeta['metadata'] | undefined;
      if (meta === undefined || !isOwnedBy({ metadata: meta }, owner, owner.kind)) return [];
      const template = podTemplateSchema.safeParse(
        field(field(field(raw, 'data'), 'spec'), 'template'),
      );
      const mine = podsOf(meta.name, owner.kind, pods);
      return [
        {
          revision: Number(field(raw, 'revision') ?? 0),
          holder: `ControllerRevision/${meta.name}`,
          created: meta.creationTimestamp,
          template: template.success ? template.data : undefined,
          ready: mine.filter(isReady).length,
          replicas: mine.length,
        },
      ];
    })
    .sort((a, b) => a.revision - b.revision);
}

function images(template: PodTemplate | undefined): string {
  const containers = template?.spec?.containers ?? [];
  return containers.map((c) => `${c.name}=${c.image ?? '?'}`).join(', ') || 'none';
}

/** One block per revision, the newest last, the changes indented under it. */
export function renderRevisions(
  title: string,
  revisions: readonly Revision[],
  current: number | undefined,
): string {
  if (revisions.length === 0) return `${title}: no revisions found`;
  const blocks = revisions.map((r, i) => {
    const mark = r.revision === current ? ' (current)' : '';
    const head = `revision ${r.revision}${mark}: ${r.holder}, created ${r.created ?? '?'}, ${r.ready}/${r.replicas} ready, images ${images(r.template)}`;
    const before = revisions[i - 1];
    if (before === undefined) return head;
    const changes = templateDiff(before.template, r.template);
    const lines =
      changes.length === 0 ? ['  no pod template change'] : changes.map((c) => `  ${c.text}`);
    return [`${head}`, `  changes from revision ${before.revision}:`, ...lines].join('\n');
  });
  return [`${title}: ${revisions.length} revision(s), oldest first`, ...blocks].join('\n');
}
