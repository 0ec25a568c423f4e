import { z } from 'zod';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import type { ActionHandler } from './action-handler.ts';
import { undoRequest } from './action-mark.ts';
import { dryRunPatch, executePatch, type PatchPlan } from './marked-patch.ts';
import type { PlainObject } from './remediation-api.ts';

/** update_hpa: new minReplicas/maxReplicas, verified on the autoscaler's spec. */
type Params = z.output<(typeof actionParamSchemas)['update_hpa']>;

const hpaSchema = z.looseObject({
  spec: z.looseObject({
    minReplicas: z.number().int().optional(),
    maxReplicas: z.number().int(),
  }),
});

function bounds(object: PlainObject, target: string): { min: number; max: number } {
  const parsed = hpaSchema.safeParse(object);
  if (!parsed.success) throw new Error(`${target}: unreadable autoscaler spec`);
  return { min: parsed.data.spec.minReplicas ?? 1, max: parsed.data.spec.maxReplicas };
}

function plan(request: ActionRequest, params: Params, object: PlainObject): PatchPlan {
  const now = bounds(object, request.target);
  const min = params.minReplicas ?? now.min;
  const max = params.maxReplicas ?? now.max;
  if (min > max) {
    return { kind: 'refuse', message: `minReplicas ${min} would be above maxReplicas ${max}` };
  }
  if (min === now.min && max === now.max) {
    return { kind: 'noop', message: `${request.target} already scales ${min}..${max}` };
  }
  const spec: Record<string, number> = {};
  const previous: Record<string, number> = {};
  const text: string[] = [];
  if (min !== now.min) {
    spec.minReplicas = min;
    previous.minReplicas = now.min;
    text.push(`minReplicas ${now.min} → ${min}`);
  }
  if (max !== now.max) {
    spec.maxReplicas = max;
    previous.maxReplicas = now.max;
    text.push(`maxReplicas ${now.max} → ${max}`);
  }
  return {
    kind: 'patch',
    type: 'merge',
    body: { spec },
    summary: `update_hpa ${request.target}: ${text.join(', ')}`,
    undo: undoRequest(request, 'update_hpa', request.target, previous),
  };
}

export const updateHpaHandler: ActionHandler<Params> = {
  dryRun: (ctx, request, target, params) =>
    dryRunPatch(ctx, target, request, (o) => plan(request, params, o)),
  execute: (ctx, request, target, params) =>
    executePatch(ctx, target, request, (o) => plan(request, params, o)),
  async probe(ctx, request, target, params) {
    const now = bounds(await ctx.api.read(target), request.target);
    const minOk = params.minReplicas === undefined || params.minReplicas === now.min;
    const maxOk = params.maxReplicas === undefined || params.maxReplicas === now.max;
    return minOk && maxOk
      ? { state: 'done', message: `${request.target} scales ${now.min}..${now.max}` }
      : { state: 'waiting', message: `${request.target} scales ${now.min}..${now.max}` };
  },
};
