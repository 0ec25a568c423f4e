import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isAppError } from '../../../core/errors.ts';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type {
  ActionRequest,
  DryRunResult,
  ExecuteResult,
} from '../../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { markAnnotation, markValue, readMark } from './action-mark.ts';
import type { ObjectRef, PlainObject } from './remediation-api.ts';
import type { Probe } from './rollout-status.ts';

/**
 * delete_job, and rerun_job: a new Job from the old one's spec (without
 * the selector and labels the Job controller generated from the old uid),
 * named `<name>-rerun-<hash of the request id>` so that a repeat of the
 * request finds it instead of creating a second one; the old Job (and its
 * pods) is deleted once the new one exists.
 */
type Empty = z.output<(typeof actionParamSchemas)['delete_job']>;

const generatedLabels = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

const jobSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    uid: z.string(),
    deletionTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({
    manualSelector: z.boolean().optional(),
    template: z.looseObject({
      metadata: z.looseObject({ labels: z.record(z.string(), z.string()).optional() }).optional(),
    }),
  }),
  status: z
    .looseObject({
      active: z.number().optional(),
      conditions: z
        .array(
          z.looseObject({ type: z.string(), status: z.string(), message: z.string().optional() }),
        )
        .optional(),
    })
    .optional(),
});
type Job = z.infer<typeof jobSchema>;

async function readJob(ctx: ActionContext, ref: ObjectRef): Promise<Job | undefined> {
  try {
    return jobSchema.parse(await ctx.api.read(ref));
  } catch (err) {
    if (isAppError(err, 'not_found')) return undefined;
    throw err;
  }
}

function withoutGenerated(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels ?? {}).filter(([k]) => !generatedLabels.includes(k)),
  );
}

export function rerunName(name: string, id: string): string {
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 5);
  return `${name.slice(0, 63 - 12).replace(/[-.]+$/, '')}-rerun-${hash}`;
}

function rerunBody(job: Job, original: PlainObject, name: string, mark: string): PlainObject {
  const spec = structuredClone(original.spec) as Record<string, unknown> & {
    template: { metadata?: { labels?: Record<string, string> } };
  };
  if (job.spec.manualSelector !== true) delete spec.selector;
  spec.template.metadata = {
    ...spec.template.metadata,
    labels: withoutGenerated(spec.template.metadata?.labels),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      labels: withoutGenerated(job.metadata.labels),
      annotations: { [markAnnotation]: mark },
    },
    spec,
  };
}

async function removeOld(ctx: ActionContext, ref: ObjectRef, uid: string): Promise<boolean> {
  try {
    await ctx.api.remove(ref, false, uid);
    return true;
  } catch (err) {
    if (isAppError(err, 'not_found') || isAppError(err, 'conflict')) return false;
    throw err;
  }
}

function newRef(target: ObjectRef, request: ActionRequest): ObjectRef {
  return { ...target, name: rerunName(target.name, request.id) };
}

async function rerunDryRun(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<DryRunResult> {
  const original = await ctx.api.read(target);
  const job = jobSchema.parse(original);
  const fresh = newRef(target, request);
  const body = rerunBody(job, original, fresh.name, markValue(request, ctx.now(), {}));
  await ctx.api.create('Job', target.namespace, body, true);
  await ctx.api.remove(target, true, job.metadata.uid);
  return {
    ok: true,
    summary: `would create Job/${target.namespace}/${fresh.name} from the spec of ${request.target}, then delete ${request.target} and its pods`,
    diff: `Job/${target.namespace}/${fresh.name}: (none) → created\n${request.target}: exists → deleted`,
  };
}

async function rerunExecute(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
): Promise<ExecuteResult> {
  const fresh = newRef(target, request);
  const freshText = `Job/${target.namespace}/${fresh.name}`;
  const existing = await readJob(ctx, fresh);
  const old = await readJob(ctx, target);
  if (existing !== undefined) {
    if (readMark(existing as PlainObject)?.id !== request.id) {
      return {
        ok: false,
        message: `${freshText} exists and was not created by request ${request.id}`,
      };
    }
    const removed = old !== undefined && (await removeOld(ctx, target, old.metadata.uid));
    return {
      ok: true,
      alreadyApplied: !removed,
      message: removed
        ? `${freshText} already existed; deleted ${request.target}, finishing request ${request.id}`
        : `${freshText} was already created by request ${request.id}; nothing changed`,
    };
  }
  if (old === undefined) return { ok: false, message: `${request.target} not found` };
  const original = await ctx.api.read(target);
  const body = rerunBody(old, original, fresh.name, markValue(request, ctx.now(), {}));
  try {
    await ctx.api.create('Job', target.namespace, body, false);
  } catch (err) {
    // Another worker created it first: its mark decides.
    if (isAppError(err, 'conflict')) return rerunExecute(ctx, request, target);
    throw err;
  }
  await removeOld(ctx, target, old.metadata.uid);
  return {
    ok: true,
    alreadyApplied: false,
    message: `created ${freshText} from ${request.target} and deleted the old Job`,
  };
}

function jobProbe(job: Job | undefined, what: string): Probe {
  if (job === undefined) return { state: 'waiting', message: `${what} does not exist yet` };
  const conditions = job.status?.conditions ?? [];
  const complete = conditions.find((c) => c.type === 'Complete' && c.status === 'True');
  if (complete !== undefined) return { state: 'done', message: `${what} completed` };
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed !== undefined)
    return { state: 'failed', message: `${what} failed: ${failed.message ?? 'no message'}` };
  return {
    state: 'waiting',
    message: `${what} is running (${job.status?.active ?? 0} active pods)`,
  };
}

export const rerunJobHandler: ActionHandler<Empty> = {
  dryRun: (ctx, request, target) => rerunDryRun(ctx, request, target),
  execute: (ctx, request, target) => rerunExecute(ctx, request, target),
  async probe(ctx, request, target) {
    const fresh = newRef(target, request);
    return jobProbe(await readJob(ctx, fresh), `Job/${target.namespace}/${fresh.name}`);
  },
};

export const deleteJobHandler: ActionHandler<Empty> = {
  async dryRun(ctx, request, target) {
    const job = jobSchema.parse(await ctx.api.read(target));
    await ctx.api.remove(target, true, job.metadata.uid);
    return {
      ok: true,
      summary: `would delete ${request.target} and its pods`,
      diff: `${request.target}: exists → deleted`,
    };
  },
  async execute(ctx, request, target) {
    const job = await readJob(ctx, target);
    if (job === undefined || job.metadata.deletionTimestamp !== undefined) {
      return {
        ok: true,
        alreadyApplied: true,
        message: `${request.target} is already gone; nothing changed`,
      };
    }
    const removed = await removeOld(ctx, target, job.metadata.uid);
    return removed
      ? { ok: true, alreadyApplied: false, message: `deleted ${request.target} and its pods` }
      : {
          ok: true,
          alreadyApplied: true,
          message: `${request.target} was already gone; nothing changed`,
        };
  },
  async probe(ctx, request, target) {
    const job = await readJob(ctx, target);
    return job === undefined
      ? { state: 'done', message: `${request.target} is gone` }
      : { state: 'waiting', message: `${request.target} is still being deleted` };
  },
};
