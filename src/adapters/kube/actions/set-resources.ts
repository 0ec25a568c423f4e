import type { ActionRequest } from '../../../core/remediation/action-executor.ts';
import { undoRequest } from './action-mark.ts';
import type { ExecutorParams } from './executor-params.ts';
import type { PatchPlan } from './marked-patch.ts';
import { patchHandler } from './workload-actions.ts';
import { type Container, parseWorkload, type WorkloadObject } from './workload-object.ts';

/**
 * set_resources: one container's requests/limits, through a rollout. The
 * undo restores exactly what it changed, on every kind: the previous
 * values, and a value that was unset before is removed again (`unset`,
 * a strategic merge patch with null), so nothing else of the template is
 * touched.
 */
type Params = ExecutorParams<'set_resources'>;
type ResourceKind = 'limits' | 'requests';
type ResourceName = 'cpu' | 'memory';
interface ResourceChange {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly before: string | undefined;
  /** undefined: removed (an undo's `unset`). */
  readonly after: string | undefined;
}

const kinds: readonly ResourceKind[] = ['limits', 'requests'];

function resourceChanges(container: Container, params: Params): ResourceChange[] {
  return kinds.flatMap((kind) => {
    const values = container.resources?.[kind] ?? {};
    const set = Object.entries(params[kind] ?? {}).flatMap(([name, after]) => {
      const before = values[name];
      return after === undefined || after === before ? [] : [{ kind, name, before, after }];
    });
    const removed = (params.unset?.[kind] ?? []).flatMap((name) => {
      const before = values[name];
      return before === undefined ? [] : [{ kind, name, before, after: undefined }];
    });
    return [...set, ...removed];
  });
}

/** The request that puts back what `changes` changed: previous values set, unset ones removed. */
function resourcesUndo(
  request: ActionRequest,
  container: string,
  changes: readonly ResourceChange[],
): ActionRequest {
  const params: Record<string, unknown> = { container };
  const unset: Partial<Record<ResourceKind, ResourceName[]>> = {};
  for (const c of changes) {
    if (c.before === undefined) {
      unset[c.kind] = [...(unset[c.kind] ?? []), c.name as ResourceName];
    } else {
      const values = (params[c.kind] ?? {}) as Record<string, string>;
      params[c.kind] = { ...values, [c.name]: c.before };
    }
  }
  if (Object.keys(unset).length > 0) params.unset = unset;
  return undoRequest(request, 'set_resources', request.target, params);
}

function resourcesPlan(request: ActionRequest, params: Params, w: WorkloadObject): PatchPlan {
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
  const resources: Record<string, Record<string, string | null>> = {};
  for (const c of changes) resources[c.kind] = { ...resources[c.kind], [c.name]: c.after ?? null };
  const text = changes.map(
    (c) => `${c.kind}.${c.name} ${c.before ?? '(unset)'} → ${c.after ?? '(unset)'}`,
  );
  return {
    kind: 'patch',
    type: 'strategic',
    body: { spec: { template: { spec: { containers: [{ name: params.container, resources }] } } } },
    summary: `set_resources ${request.target} container "${params.container}": ${text.join(', ')}`,
    undo: resourcesUndo(request, params.container, changes),
  };
}

export const setResourcesHandler = patchHandler<Params>(
  (_ctx, request, params) => (object) =>
    resourcesPlan(request, params, parseWorkload(object, request.target)),
);
