import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { undoRequest } from './action-mark.ts';
import type { ExecutorParams } from './executor-params.ts';
import { dryRunPatch, executePatch, type PatchPlan, type Planner } from './marked-patch.ts';
import type { ObjectRef } from './remediation-api.ts';
import { type Probe, rolloutProbe } from './rollout-status.ts';
import { parseWorkload, pausedRefusal, type WorkloadObject } from './workload-object.ts';

/** scale, rollout_restart and set_resources: one patch of a workload, verified by its rollout. */
type Params<A extends 'scale' | 'rollout_restart' | 'set_resources'> = ExecutorParams<A>;

const restartedAt = 'kubectl.kubernetes.io/restartedAt';

async function rolloutOf(ctx: ActionContext, target: ObjectRef): Promise<Probe> {
  return rolloutProbe(target.kind, await ctx.api.read(target));
}

export function patchHandler<P>(
  planner: (ctx: ActionContext, request: ActionRequest, params: P) => Planner,
): ActionHandler<P> {
  return {
    dryRun: (ctx, request, target, params) =>
      dryRunPatch(ctx, target, request, planner(ctx, request, params)),
    execute: (ctx, request, target, params) =>
      executePatch(ctx, target, request, planner(ctx, request, params)),
    probe: (ctx, _request, target) => rolloutOf(ctx, target),
  };
}

export const scaleHandler = patchHandler<Params<'scale'>>((_ctx, request, params) => (object) => {
  const w = parseWorkload(object, request.target);
  const current = w.spec.replicas ?? 1;
  if (current === params.replicas) {
    return { kind: 'noop', message: `${request.target} already has ${current} replicas` };
  }
  return {
    kind: 'patch',
    type: 'merge',
    body: { spec: { replicas: params.replicas } },
    summary: `scale ${request.target}: replicas ${current} → ${params.replicas}`,
    undo: undoRequest(request, 'scale', request.target, { replicas: current }),
  };
});

type RestartParams = Params<'rollout_restart'>;

function annotationOf(w: WorkloadObject): string | undefined {
  const annotations = w.spec.template.metadata?.annotations as Record<string, unknown> | undefined;
  const value = annotations?.[restartedAt];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The inverse of a restart, on every kind: the template's restartedAt
 * annotation back as it was (removed when it had none). That is the
 * template of the revision before: a Deployment's controller scales its
 * previous ReplicaSet back up (as `kubectl rollout undo` would), a
 * StatefulSet's or DaemonSet's rolls the restarted pods back to the previous
 * ControllerRevision and leaves the others. Only what the restart changed
 * is put back (a rollback to a revision would also revert someone else's
 * change), with the restart's own RBAC (get and patch).
 */
function restartUndo(request: ActionRequest, w: WorkloadObject): ActionRequest {
  return undoRequest(request, 'rollout_restart', request.target, {
    restoreRestartedAt: annotationOf(w) ?? null,
  });
}

/** The undo of a restart: the annotation back as it was; nothing to undo after it. */
function restorePlan(request: ActionRequest, w: WorkloadObject, value: string | null): PatchPlan {
  const current = annotationOf(w) ?? null;
  const shown = (v: string | null) => v ?? '(unset)';
  if (current === value) {
    return {
      kind: 'noop',
      message: `${request.target} has ${restartedAt}=${shown(value)} already`,
    };
  }
  return {
    kind: 'patch',
    type: 'strategic',
    body: { spec: { template: { metadata: { annotations: { [restartedAt]: value } } } } },
    summary: `roll ${request.target} back to its pod template before the restart (${restartedAt} ${shown(current)} → ${shown(value)})`,
  };
}

export const rolloutRestartHandler = patchHandler<RestartParams>(
  (ctx, request, params) => (object) => {
    const w = parseWorkload(object, request.target);
    const paused = pausedRefusal(w, request.target);
    if (paused !== undefined) return { kind: 'refuse', message: paused };
    if (params.restoreRestartedAt !== undefined) {
      return restorePlan(request, w, params.restoreRestartedAt);
    }
    const at = ctx.now().toISOString();
    return {
      kind: 'patch',
      type: 'strategic',
      body: { spec: { template: { metadata: { annotations: { [restartedAt]: at } } } } },
      summary: `restart every pod of ${request.target} (rolling, template annotation ${restartedAt}=${at})`,
      undo: restartUndo(request, w),
    };
  },
);
