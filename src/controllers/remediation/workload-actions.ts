import type { z } from 'zod';
import type { actionParamSchemas } from '../../core/investigation/actions.ts';
import type { ActionRequest } from '../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { undoRequest } from './action-mark.ts';
import { dryRunPatch, executePatch, type PatchPlan, type Planner } from './marked-patch.ts';
import type { ObjectRef } from './remediation-api.ts';
import { type Probe, rolloutProbe } from './rollout-status.ts';
import {
  type Container,
  currentRevision,
  parseWorkload,
  pausedRefusal,
  type WorkloadObject,
} from './workload-object.ts';

/** scale, rollout_restart and set_resources: one patch of a workload, verified by its rollout. */
type Params<A extends keyof typeof actionParamSchemas> = z.output<(typeof actionParamSchemas)[A]>;

const restartedAt = 'kubectl.kubernetes.io/restartedAt';

async function rolloutOf(ctx: ActionContext, target: ObjectRef): Promise<Probe> {
  return rolloutProbe(target.kind, await ctx.api.read(target));
}

function patchHandler<P>(
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

/** For a Deployment, the rollback to the revision it runs now. */
function rollbackUndo(request: ActionRequest, w: WorkloadObject): ActionRequest | undefined {
  const revision = currentRevision(w);
  if (!request.target.startsWith('Deployment/') || revision === undefined) return undefined;
  return undoRequest(request, 'rollback', request.target, { toRevision: revision });
}

function withUndo(undo: ActionRequest | undefined): { undo?: ActionRequest } {
  return undo === undefined ? {} : { undo };
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

export const rolloutRestartHandler = patchHandler<Params<'rollout_restart'>>(
  (ctx, request) => (object) => {
    const w = parseWorkload(object, request.target);
    const paused = pausedRefusal(w, request.target);
    if (paused !== undefined) return { kind: 'refuse', message: paused };
    const at = ctx.now().toISOString();
    return {
      kind: 'patch',
      type: 'strategic',
      body: { spec: { template: { metadata: { annotations: { [restartedAt]: at } } } } },
      summary: `restart every pod of ${request.target} (rolling, template annotation ${restartedAt}=${at})`,
      ...withUndo(rollbackUndo(request, w)),
    };
  },
);

type ResourceKind = 'limits' | 'requests';
interface ResourceChange {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly before: string | undefined;
  readonly after: string;
}

function resourceChanges(container: Container, params: Params<'set_resources'>): ResourceChange[] {
  const kinds: ResourceKind[] = ['limits', 'requests'];
  return kinds.flatMap((kind) =>
    Object.entries(params[kind] ?? {}).flatMap(([name, after]) => {
      const before = container.resources?.[kind]?.[name];
      return after === undefined || after === before ? [] : [{ kind, name, before, after }];
    }),
  );
}

/** The previous values, when every changed one had one; else a Deployment's rollback. */
function resourcesUndo(
  request: ActionRequest,
  w: WorkloadObject,
  container: string,
  changes: readonly ResourceChange[],
): ActionRequest | undefined {
  if (changes.some((c) => c.before === undefined)) return rollbackUndo(request, w);
  const params: Record<string, unknown> = { container };
  for (const c of changes) {
    const values = (params[c.kind] ?? {}) as Record<string, string>;
    params[c.kind] = { ...values, [c.name]: c.before };
  }
  return undoRequest(request, 'set_resources', request.target, params);
}

function resourcesPlan(
  request: ActionRequest,
  params: Params<'set_resources'>,
  w: WorkloadObject,
): PatchPlan {
  const containers = w.spec.template.spec.containers;
  const container = containers.find((c) => c.name === params.container);
  if (container === undefined) {
    const names = containers.map((c) => c.name).join(', ');
    return {
      kind: 'refuse',
      message: `${request.target} has no container "${params.container}" (it has: ${names})`,
    };
  }
  const changes = resourceChanges(container, params);
  if (changes.length === 0) {
    return {
      kind: 'noop',
      message: `container "${params.container}" of ${request.target} already has these resources`,
    };
  }
  const resources: Record<string, Record<string, string>> = {};
  for (const c of changes) resources[c.kind] = { ...resources[c.kind], [c.name]: c.after };
  const text = changes.map((c) => `${c.kind}.${c.name} ${c.before ?? '(unset)'} → ${c.after}`);
  return {
    kind: 'patch',
    type: 'strategic',
    body: { spec: { template: { spec: { containers: [{ name: params.container, resources }] } } } },
    summary: `set_resources ${request.target} container "${params.container}": ${text.join(', ')}`,
    ...withUndo(resourcesUndo(request, w, params.container, changes)),
  };
}

export const setResourcesHandler = patchHandler<Params<'set_resources'>>(
  (_ctx, request, params) => (object) =>
    resourcesPlan(request, params, parseWorkload(object, request.target)),
);
