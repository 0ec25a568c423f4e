import { z } from 'zod';
import { isAppError } from '../../../core/errors.ts';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type {
  ActionRequest,
  DryRunResult,
  ExecuteResult,
} from '../../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { type ActionMark, markValue, podRestartAnnotation, readMark } from './action-mark.ts';
import type { ApiKind, ObjectRef, PlainObject } from './remediation-api.ts';
import { type Probe, rolloutProbe } from './rollout-status.ts';

/**
 * restart_pod: deletes one pod of a controller-owned set so its controller
 * replaces it; a bare pod (or a Job's) is refused, since nothing would
 * bring it back. The pod disappears (or, in a StatefulSet, comes back
 * under the same name), so the idempotency mark — the request id and the
 * deleted pod's uid — is written on the owner before the delete, and the
 * delete carries the uid as a precondition.
 */
type Params = z.output<(typeof actionParamSchemas)['restart_pod']>;

const ownerKinds: readonly ApiKind[] = ['ReplicaSet', 'StatefulSet', 'DaemonSet'];

const podSchema = z.looseObject({
  metadata: z.looseObject({
    uid: z.string(),
    deletionTimestamp: z.string().optional(),
    ownerReferences: z
      .array(
        z.looseObject({ kind: z.string(), name: z.string(), controller: z.boolean().optional() }),
      )
      .optional(),
  }),
});

interface PodInfo {
  readonly uid: string;
  readonly terminating: boolean;
  readonly owner: ObjectRef | string;
}

async function readPod(ctx: ActionContext, target: ObjectRef): Promise<PodInfo> {
  const pod = podSchema.parse(await ctx.api.read(target));
  const controller = pod.metadata.ownerReferences?.find((o) => o.controller === true);
  const kind = ownerKinds.find((k) => k === controller?.kind);
  const owner =
    controller === undefined
      ? `${target.name} is a bare pod: nothing would recreate it, so it is not deleted`
      : kind === undefined
        ? `${target.name} belongs to ${controller.kind}/${controller.name}, not to a ReplicaSet, StatefulSet or DaemonSet; it is not deleted`
        : { kind, namespace: target.namespace, name: controller.name };
  return {
    uid: pod.metadata.uid,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    owner,
  };
}

function describe(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

async function dryRun(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<DryRunResult> {
  const pod = await readPod(ctx, target);
  if (typeof pod.owner === 'string') return { ok: false, summary: pod.owner };
  await ctx.api.remove(target, true, pod.uid);
  return {
    ok: true,
    summary: `would delete ${request.target}; ${describe(pod.owner)} creates a replacement`,
    diff: `${request.target}: exists → deleted (uid ${pod.uid})`,
  };
}

/** Deletes exactly the pod of that uid; one already gone or replaced counts as done. */
async function deleteOnce(ctx: ActionContext, target: ObjectRef, uid: string): Promise<boolean> {
  try {
    await ctx.api.remove(target, false, uid);
    return true;
  } catch (err) {
    if (isAppError(err, 'not_found') || isAppError(err, 'conflict')) return false;
    throw err;
  }
}

async function resume(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
  mark: ActionMark,
): Promise<ExecuteResult> {
  const deleted = mark.uid !== undefined && (await deleteOnce(ctx, target, mark.uid));
  return {
    ok: true,
    alreadyApplied: !deleted,
    message: deleted
      ? `deleted ${request.target} (uid ${mark.uid}), finishing request ${request.id}`
      : `${request.target} (uid ${mark.uid}) was already restarted by request ${request.id}; nothing changed`,
  };
}

async function execute(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<ExecuteResult> {
  const pod = await readPod(ctx, target).catch((err: unknown) => {
    if (isAppError(err, 'not_found')) return undefined;
    throw err;
  });
  const owner = pod === undefined ? await markedOwner(ctx, request, target) : pod.owner;
  if (owner === undefined) return { ok: false, message: `${request.target} not found` };
  if (typeof owner === 'string') return { ok: false, message: owner };
  const mark = readMark(await ctx.api.read(owner), podRestartAnnotation);
  if (mark?.id === request.id) return resume(ctx, request, target, mark);
  if (pod === undefined) return { ok: false, message: `${request.target} not found` };
  if (pod.terminating) {
    return {
      ok: true,
      alreadyApplied: false,
      message: `${request.target} is already terminating; nothing changed`,
    };
  }
  const value = markValue(request, ctx.now(), { uid: pod.uid });
  await ctx.api.patch(
    owner,
    { metadata: { annotations: { [podRestartAnnotation]: value } } },
    'merge',
    false,
  );
  const deleted = await deleteOnce(ctx, target, pod.uid);
  return {
    ok: true,
    alreadyApplied: false,
    message: deleted
      ? `deleted ${request.target}; ${describe(owner)} replaces it`
      : `${request.target} went away before it was deleted; nothing changed`,
  };
}

/**
 * The owner that recorded this request, for a pod that is gone: a
 * ReplicaSet's or DaemonSet's pods are named `<owner>-<suffix>`, a
 * StatefulSet's `<owner>-<ordinal>`.
 */
async function markedOwner(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<ObjectRef | undefined> {
  const prefix = target.name.slice(0, Math.max(0, target.name.lastIndexOf('-')));
  if (prefix === '') return undefined;
  for (const kind of ownerKinds) {
    const ref = { kind, namespace: target.namespace, name: prefix };
    const owner = await ctx.api.read(ref).catch(() => undefined);
    if (owner !== undefined && readMark(owner, podRestartAnnotation)?.id === request.id) return ref;
  }
  return undefined;
}

async function probe(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<Probe> {
  const owner = await markedOwner(ctx, request, target);
  if (owner === undefined)
    return {
      state: 'failed',
      message: `no controller of ${request.target} records request ${request.id}`,
    };
  const object: PlainObject = await ctx.api.read(owner);
  const uid = readMark(object, podRestartAnnotation)?.uid;
  const pod = await ctx.api.read(target).catch(() => undefined);
  const sameUid = (pod?.metadata as { uid?: string } | undefined)?.uid === uid;
  if (pod !== undefined && sameUid)
    return { state: 'waiting', message: `${request.target} is not gone yet` };
  const rollout = rolloutProbe(owner.kind, object);
  return rollout.state === 'done'
    ? {
        state: 'done',
        message: `${request.target} replaced; ${describe(owner)}: ${rollout.message}`,
      }
    : rollout;
}

export const restartPodHandler: ActionHandler<Params> = {
  dryRun: (ctx, request, target) => dryRun(ctx, request, target),
  execute: (ctx, request, target) => execute(ctx, request, target),
  probe: (ctx, request, target) => probe(ctx, request, target),
};
