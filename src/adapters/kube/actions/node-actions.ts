import { z } from 'zod';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import type { ActionHandler } from './action-handler.ts';
import { undoRequest } from './action-mark.ts';
import { dryRunPatch, executePatch, type PatchPlan } from './marked-patch.ts';
import type { PlainObject } from './remediation-api.ts';

/** cordon_node and uncordon_node: spec.unschedulable, each the other's inverse. */
type Empty = z.output<(typeof actionParamSchemas)['cordon_node']>;

const nodeSchema = z.looseObject({
  spec: z.looseObject({ unschedulable: z.boolean().optional() }).optional(),
});

export function isUnschedulable(object: PlainObject): boolean {
  return nodeSchema.safeParse(object).data?.spec?.unschedulable === true;
}

/** The patch that makes a node (un)schedulable, or a noop when it already is. */
export function schedulablePlan(
  request: ActionRequest,
  object: PlainObject,
  unschedulable: boolean,
): PatchPlan {
  if (isUnschedulable(object) === unschedulable) {
    const state = unschedulable ? 'cordoned' : 'schedulable';
    return { kind: 'noop', message: `${request.target} is already ${state}; nothing changed` };
  }
  return {
    kind: 'patch',
    type: 'merge',
    body: { spec: { unschedulable: unschedulable ? true : null } },
    summary: `${unschedulable ? 'cordon' : 'uncordon'} ${request.target}: spec.unschedulable ${!unschedulable} → ${unschedulable}`,
    undo: undoRequest(request, unschedulable ? 'uncordon_node' : 'cordon_node', request.target, {}),
  };
}

function schedulableHandler(unschedulable: boolean): ActionHandler<Empty> {
  return {
    dryRun: (ctx, request, target) =>
      dryRunPatch(ctx, target, request, (o) => schedulablePlan(request, o, unschedulable)),
    execute: (ctx, request, target) =>
      executePatch(ctx, target, request, (o) => schedulablePlan(request, o, unschedulable)),
    async probe(ctx, request, target) {
      const now = isUnschedulable(await ctx.api.read(target));
      const message = `${request.target} is ${now ? 'unschedulable' : 'schedulable'}`;
      return now === unschedulable ? { state: 'done', message } : { state: 'waiting', message };
    },
  };
}

export const cordonHandler = schedulableHandler(true);
export const uncordonHandler = schedulableHandler(false);
