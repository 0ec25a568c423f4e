import { isAppError } from '../../../core/errors.ts';
import type {
  ActionRequest,
  DryRunResult,
  ExecuteResult,
} from '../../../core/remediation/action-executor.ts';
import { diffObjects, formatChanges } from '../../../core/remediation/object-diff.ts';
import type { ActionContext } from './action-handler.ts';
import { type ActionMark, markAnnotation, markValue, readMark } from './action-mark.ts';
import type { ObjectRef, PatchType, PlainObject } from './remediation-api.ts';

/**
 * The shape of every action that is one patch of its target: a planner
 * looks at the object and says what to change; this module dry-runs it,
 * or applies it with the idempotency mark and the resourceVersion the plan
 * was made from, so the change, the mark and the precondition are one write.
 */
export interface JsonOp {
  readonly op: 'add' | 'replace' | 'remove' | 'test';
  readonly path: string;
  readonly value?: unknown;
}

export type PatchPlan =
  | {
      readonly kind: 'patch';
      readonly type: Exclude<PatchType, 'json'>;
      readonly body: PlainObject;
      readonly summary: string;
      readonly undo?: ActionRequest;
    }
  | {
      readonly kind: 'patch';
      readonly type: 'json';
      readonly ops: readonly JsonOp[];
      readonly summary: string;
      readonly undo?: ActionRequest;
    }
  /** Nothing to change (already in the wanted state). */
  | { readonly kind: 'noop'; readonly message: string }
  /** Cannot be done on this object (e.g. the Deployment moved on since the proposal). */
  | { readonly kind: 'refuse'; readonly message: string };

export type Planner = (object: PlainObject) => PatchPlan | Promise<PatchPlan>;

interface Meta {
  resourceVersion?: string;
  annotations?: Record<string, string>;
}

function metaOf(object: PlainObject): Meta {
  return (object.metadata ?? {}) as Meta;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The plan's patch plus the mark; with `precondition`, also the
 * resourceVersion the plan was made from (a dry run leaves it out: a
 * status update in between must not fail the preview).
 */
function markedBody(
  plan: PatchPlan & { kind: 'patch' },
  before: PlainObject,
  mark: string,
  precondition: boolean,
): unknown {
  const meta = metaOf(before);
  if (plan.type === 'json') {
    const annotation =
      meta.annotations === undefined
        ? { op: 'add', path: '/metadata/annotations', value: { [markAnnotation]: mark } }
        : {
            op: 'add',
            path: `/metadata/annotations/${escapePointer(markAnnotation)}`,
            value: mark,
          };
    const test = { op: 'test', path: '/metadata/resourceVersion', value: meta.resourceVersion };
    return [...(precondition ? [test] : []), ...plan.ops, annotation];
  }
  const bodyMeta = (plan.body.metadata ?? {}) as Meta;
  return {
    ...plan.body,
    metadata: {
      ...bodyMeta,
      ...(precondition ? { resourceVersion: meta.resourceVersion } : {}),
      annotations: { ...bodyMeta.annotations, [markAnnotation]: mark },
    },
  };
}

export async function dryRunPatch(
  ctx: ActionContext,
  ref: ObjectRef,
  request: ActionRequest,
  plan: Planner,
): Promise<DryRunResult> {
  const before = await ctx.api.read(ref);
  const planned = await plan(before);
  if (planned.kind === 'noop') return { ok: true, summary: planned.message };
  if (planned.kind === 'refuse') return { ok: false, summary: planned.message };
  const body = markedBody(planned, before, markValue(request, ctx.now(), {}), false);
  const after = await ctx.api.patch(ref, body, planned.type, true);
  const diff = formatChanges(diffObjects(before, after));
  return { ok: true, summary: planned.summary, diff: diff === '' ? '(no field changes)' : diff };
}

const attempts = 3;

function alreadyApplied(mark: ActionMark, request: ActionRequest): ExecuteResult {
  return {
    ok: true,
    alreadyApplied: true,
    message: `already applied at ${mark.at} (request ${request.id}); nothing changed`,
    ...(mark.undo === undefined ? {} : { undo: mark.undo }),
  };
}

function unchanged(plan: PatchPlan & { kind: 'noop' | 'refuse' }): ExecuteResult {
  return plan.kind === 'noop'
    ? { ok: true, alreadyApplied: false, message: plan.message }
    : { ok: false, message: plan.message };
}

/** Changed since read: a merge patch's resourceVersion (409) or a JSON patch's failed test op. */
function lostRace(err: unknown): boolean {
  if (isAppError(err, 'conflict')) return true;
  return isAppError(err, 'input_invalid') && /test operation/i.test(err.message);
}

/** Applies the plan once per request id; a lost race re-reads and finds the winner's mark. */
export async function executePatch(
  ctx: ActionContext,
  ref: ObjectRef,
  request: ActionRequest,
  plan: Planner,
): Promise<ExecuteResult> {
  for (let i = 0; i < attempts; i += 1) {
    const before = await ctx.api.read(ref);
    const mark = readMark(before);
    if (mark?.id === request.id) return alreadyApplied(mark, request);
    const planned = await plan(before);
    if (planned.kind !== 'patch') return unchanged(planned);
    const undo = planned.undo === undefined ? {} : { undo: planned.undo };
    const body = markedBody(planned, before, markValue(request, ctx.now(), undo), true);
    try {
      await ctx.api.patch(ref, body, planned.type, false);
      return { ok: true, alreadyApplied: false, message: planned.summary, ...undo };
    } catch (err) {
      if (!lostRace(err)) throw err;
    }
  }
  return { ok: false, message: `${ref.kind}/${ref.name} kept changing; nothing applied` };
}
