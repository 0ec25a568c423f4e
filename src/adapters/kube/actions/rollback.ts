import { z } from 'zod';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { undoRequest } from './action-mark.ts';
import { dryRunPatch, executePatch, type PatchPlan } from './marked-patch.ts';
import type { ObjectRef, PlainObject } from './remediation-api.ts';
import { rolloutProbe } from './rollout-status.ts';
import {
  currentRevision,
  parseWorkload,
  pausedRefusal,
  revisionAnnotation,
} from './workload-object.ts';

/**
 * rollback, the way `kubectl rollout undo` does it: the Deployment's
 * ReplicaSets carry `deployment.kubernetes.io/revision`; the template of
 * the wanted one (the previous revision, or params.toRevision), minus the
 * pod-template-hash label the controller adds, replaces the Deployment's.
 */
type Params = z.output<(typeof actionParamSchemas)['rollback']>;

const replicaSetSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    annotations: z.record(z.string(), z.string()).optional(),
    ownerReferences: z.array(z.looseObject({ uid: z.string() })).optional(),
  }),
  spec: z.looseObject({ template: z.looseObject({}).optional() }),
});
type ReplicaSet = z.infer<typeof replicaSetSchema>;

interface Revision {
  readonly number: number;
  readonly template: Record<string, unknown>;
}

function revisionOf(rs: ReplicaSet): Revision | undefined {
  const number = Number.parseInt(rs.metadata.annotations?.[revisionAnnotation] ?? '', 10);
  const template = rs.spec.template;
  return Number.isInteger(number) && template !== undefined ? { number, template } : undefined;
}

async function revisions(ctx: ActionContext, target: ObjectRef, uid: string): Promise<Revision[]> {
  const all = await ctx.api.list('ReplicaSet', target.namespace, {});
  return all.flatMap((o) => {
    const rs = replicaSetSchema.safeParse(o).data;
    if (rs === undefined || !rs.metadata.ownerReferences?.some((r) => r.uid === uid)) return [];
    const revision = revisionOf(rs);
    return revision === undefined ? [] : [revision];
  });
}

function withoutHash(template: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(template) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels !== undefined) delete copy.metadata.labels['pod-template-hash'];
  return copy as Record<string, unknown>;
}

function chooseRevision(
  all: readonly Revision[],
  current: number,
  params: Params,
): Revision | string {
  const wanted =
    params.toRevision ?? Math.max(...all.map((r) => r.number).filter((n) => n < current));
  const found = all.find((r) => r.number === wanted);
  if (found !== undefined) return found;
  if (params.toRevision === undefined) return 'it has no previous revision to roll back to';
  const have = all
    .map((r) => r.number)
    .sort((a, b) => a - b)
    .join(', ');
  return `it has no revision ${params.toRevision} (revisions kept: ${have || 'none'})`;
}

async function plan(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
  params: Params,
  object: PlainObject,
): Promise<PatchPlan> {
  const d = parseWorkload(object, request.target);
  const paused = pausedRefusal(d, request.target);
  if (paused !== undefined) return { kind: 'refuse', message: paused };
  const current = currentRevision(d);
  if (current === undefined || d.metadata.uid === undefined) {
    return {
      kind: 'refuse',
      message: `${request.target} has no revision yet; nothing to roll back`,
    };
  }
  if (params.fromRevision !== undefined && params.fromRevision !== current) {
    return {
      kind: 'refuse',
      message: `${request.target} is at revision ${current} now, not ${params.fromRevision} as when this was proposed; propose again`,
    };
  }
  const chosen = chooseRevision(await revisions(ctx, target, d.metadata.uid), current, params);
  if (typeof chosen === 'string')
    return { kind: 'refuse', message: `cannot roll back ${request.target}: ${chosen}` };
  if (chosen.number === current) {
    return { kind: 'noop', message: `${request.target} already runs revision ${current}` };
  }
  return {
    kind: 'patch',
    type: 'json',
    ops: [{ op: 'replace', path: '/spec/template', value: withoutHash(chosen.template) }],
    summary: `roll back ${request.target} from revision ${current} to revision ${chosen.number}`,
    undo: undoRequest(request, 'rollback', request.target, { toRevision: current }),
  };
}

export const rollbackHandler: ActionHandler<Params> = {
  dryRun: (ctx, request, target, params) =>
    dryRunPatch(ctx, target, request, (o) => plan(ctx, request, target, params, o)),
  execute: (ctx, request, target, params) =>
    executePatch(ctx, target, request, (o) => plan(ctx, request, target, params, o)),
  probe: async (ctx, _request, target) => rolloutProbe(target.kind, await ctx.api.read(target)),
};
