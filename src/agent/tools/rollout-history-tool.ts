import { z } from 'zod';
import { isOwnedBy, revisionOf } from '../../core/analyzers/ownership.ts';
import { AppError } from '../../core/errors.ts';
import { objectRef } from '../../core/kube/refs.ts';
import type { ClusterPort } from '../../core/ports.ts';
import {
  controllerRevisions,
  type Revision,
  renderRevisions,
  replicaSetRevisions,
} from './revisions.ts';
import type { AgentTool } from './tool.ts';
import { kindInput, nameInput, namespaceInput } from './tool-input.ts';

/**
 * rollout_history: a Deployment's revisions from its ReplicaSets, or a
 * StatefulSet's / DaemonSet's from its ControllerRevisions, each with its
 * images, age, ready counts and the pod template diff against the previous
 * revision. Read-only, through the ClusterPort.
 */
const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
type WorkloadKind = (typeof workloadKinds)[number];

const input = z.strictObject({
  kind: kindInput
    .refine((k): k is WorkloadKind => (workloadKinds as readonly string[]).includes(k), {
      message: `rollout history exists for ${workloadKinds.join(', ')}`,
    })
    .default('Deployment'),
  name: nameInput,
  namespace: namespaceInput,
});

const controllerRevisionType = { group: 'apps', version: 'v1', plural: 'controllerrevisions' };

async function deploymentHistory(
  cluster: ClusterPort,
  name: string,
  namespace: string,
  raw: boolean,
) {
  const deployment = await cluster.get('Deployment', name, namespace);
  if (deployment === undefined) return undefined;
  const sets = await cluster.list('ReplicaSet', { namespace, limit: 500 });
  const owned = sets.items.filter((rs) => isOwnedBy(rs, deployment, 'Deployment'));
  return {
    revisions: replicaSetRevisions(deployment, owned),
    current: revisionOf(deployment),
    // Compaction off (the token bench's baseline): the ReplicaSets as the API returns them.
    ...(raw ? { raw: JSON.stringify({ kind: 'ReplicaSetList', items: owned }, null, 2) } : {}),
  };
}

async function revisionHistory(
  cluster: ClusterPort,
  kind: 'StatefulSet' | 'DaemonSet',
  name: string,
  namespace: string,
): Promise<{ revisions: Revision[]; current: number | undefined; raw?: string } | undefined> {
  if (cluster.listResourceItems === undefined)
    throw new AppError('internal', 'this cluster adapter cannot read ControllerRevisions');
  const workload = await cluster.get(kind, name, namespace);
  if (workload === undefined) return undefined;
  const [listed, pods] = await Promise.all([
    cluster.listResourceItems(controllerRevisionType, { namespace, limit: 500 }),
    cluster.list('Pod', { namespace, limit: 500 }),
  ]);
  const revisions = controllerRevisions({ ...workload, kind }, listed.items, pods.items);
  const updateRevision =
    kind === 'StatefulSet' && 'status' in workload
      ? (workload.status as { updateRevision?: string } | undefined)?.updateRevision
      : undefined;
  const current =
    revisions.find((r) => r.holder === `ControllerRevision/${updateRevision ?? ''}`)?.revision ??
    revisions.at(-1)?.revision;
  return { revisions, current };
}

export function rolloutHistoryTool(cluster: ClusterPort): AgentTool<typeof input> {
  return {
    name: 'rollout_history',
    description:
      "A Deployment's (or StatefulSet's, DaemonSet's) revisions, oldest first: images, creation time, ready counts, and what each changed against the one before (image, env, args, resources, probes…).",
    input,
    async run({ kind, name, namespace }, context) {
      const ref = objectRef(kind, name, namespace);
      context.progress(`rollout history ${ref}`);
      const history =
        kind === 'Deployment'
          ? await deploymentHistory(cluster, name, namespace, context.compaction === false)
          : await revisionHistory(cluster, kind, name, namespace);
      if (history === undefined) return { text: `${ref} not found`, isError: true };
      return {
        text: history.raw ?? renderRevisions(ref, history.revisions, history.current),
        sources: [ref, ...history.revisions.map((r) => r.holder.replace('/', `/${namespace}/`))],
      };
    },
  };
}
