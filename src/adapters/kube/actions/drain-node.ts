import type { z } from 'zod';
import { isAppError } from '../../../core/errors.ts';
import type { actionParamSchemas } from '../../../core/investigation/actions.ts';
import type {
  ActionRequest,
  DryRunResult,
  ExecuteResult,
} from '../../../core/remediation/action-executor.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { readMark, undoRequest } from './action-mark.ts';
import { classifyPods, type NodePod, podNames } from './drain-pods.ts';
import { dryRunPatch, executePatch, type PatchPlan } from './marked-patch.ts';
import { isUnschedulable } from './node-actions.ts';
import type { ObjectRef, PlainObject } from './remediation-api.ts';

/**
 * drain_node: cordon (with the idempotency mark), then the Eviction API for
 * every pod a drain moves, retrying the ones a PodDisruptionBudget refuses
 * (429) until drainTimeoutMs; it then reports which pods are blocked and
 * leaves the node cordoned. A repeat of the same request resumes the drain;
 * once nothing is left to evict it changes nothing.
 */
type Params = z.output<(typeof actionParamSchemas)['drain_node']>;

const retryMs = 1000;

/** Cordons, or only marks a node that is cordoned already (then there is nothing to undo). */
function cordonPlan(request: ActionRequest, node: PlainObject): PatchPlan {
  if (isUnschedulable(node)) {
    return {
      kind: 'patch',
      type: 'merge',
      body: {},
      summary: `${request.target} is already cordoned`,
    };
  }
  return {
    kind: 'patch',
    type: 'merge',
    body: { spec: { unschedulable: true } },
    summary: `cordon ${request.target}`,
    undo: undoRequest(request, 'uncordon_node', request.target, {}),
  };
}

async function podsOn(ctx: ActionContext, node: ObjectRef): Promise<NodePod[]> {
  const pods = await ctx.api.list('Pod', '', { fieldSelector: `spec.nodeName=${node.name}` });
  return classifyPods(pods);
}

interface Round {
  readonly evicted: NodePod[];
  readonly blocked: { pod: NodePod; reason: string }[];
}

async function evictAll(
  ctx: ActionContext,
  pods: readonly NodePod[],
  dryRun: boolean,
  grace?: number,
): Promise<Round> {
  const round: Round = { evicted: [], blocked: [] };
  for (const pod of pods) {
    try {
      const ref = { kind: 'Pod' as const, namespace: pod.namespace, name: pod.name };
      await ctx.api.evict(ref, dryRun, grace);
      round.evicted.push(pod);
    } catch (err) {
      if (isAppError(err, 'not_found')) continue;
      if (!isAppError(err, 'rate_limited')) throw err;
      round.blocked.push({ pod, reason: err.message });
    }
  }
  return round;
}

function daemonSetRefusal(pods: readonly NodePod[], params: Params): string | undefined {
  const ds = pods.filter((p) => p.class === 'daemonset');
  if (params.ignoreDaemonSets || ds.length === 0) return undefined;
  return `DaemonSet pods cannot be evicted (${podNames(ds)}); drain with ignoreDaemonSets`;
}

async function dryRun(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
  params: Params,
): Promise<DryRunResult> {
  const cordon = await dryRunPatch(ctx, target, request, (n) => cordonPlan(request, n));
  const pods = await podsOn(ctx, target);
  const refusal = daemonSetRefusal(pods, params);
  if (refusal !== undefined) return { ok: false, summary: refusal };
  const round = await evictAll(
    ctx,
    pods.filter((p) => p.class === 'evict'),
    true,
    params.gracePeriodSeconds,
  );
  const lines = [
    `${cordon.summary}; would evict ${round.evicted.length} pod(s)${round.evicted.length > 0 ? `: ${podNames(round.evicted)}` : ''}`,
    ...skipped(pods),
    ...blockedLines(round, pods),
  ];
  const diff = cordon.ok ? cordon.diff : undefined;
  return { ok: true, summary: lines.join('\n'), ...(diff === undefined ? {} : { diff }) };
}

function skipped(pods: readonly NodePod[]): string[] {
  const kept = pods.filter((p) => p.class === 'daemonset' || p.class === 'mirror');
  return kept.length === 0
    ? []
    : [`skips ${kept.length} DaemonSet/mirror pod(s): ${podNames(kept)}`];
}

function blockedLines(round: Round, pods: readonly NodePod[]): string[] {
  const unmanaged = pods.filter((p) => p.class === 'unmanaged');
  return [
    ...round.blocked.map(
      (b) => `blocked now by a PodDisruptionBudget: ${b.pod.namespace}/${b.pod.name}`,
    ),
    ...(unmanaged.length === 0
      ? []
      : [
          `not managed by a controller, so not evicted (they would be lost): ${podNames(unmanaged)}`,
        ]),
  ];
}

interface DrainOutcome {
  readonly evicted: number;
  readonly blocked: Round['blocked'];
  readonly unmanaged: NodePod[];
}

async function evictUntilDone(
  ctx: ActionContext,
  target: ObjectRef,
  grace: number | undefined,
): Promise<DrainOutcome> {
  const deadline = Date.now() + ctx.drainTimeoutMs;
  let evicted = 0;
  for (;;) {
    const pods = await podsOn(ctx, target);
    const unmanaged = pods.filter((p) => p.class === 'unmanaged');
    const todo = pods.filter((p) => p.class === 'evict');
    if (todo.length === 0) return { evicted, blocked: [], unmanaged };
    const round = await evictAll(ctx, todo, false, grace);
    evicted += round.evicted.length;
    if (round.blocked.length > 0 && Date.now() + retryMs > deadline) {
      return { evicted, blocked: round.blocked, unmanaged };
    }
    if (round.blocked.length > 0) await ctx.sleep(retryMs, ctx.signal);
  }
}

function outcomeResult(
  request: ActionRequest,
  o: DrainOutcome,
  resumed: boolean,
  undo: ActionRequest | undefined,
): ExecuteResult {
  if (o.blocked.length > 0 || o.unmanaged.length > 0) {
    const lines = [
      `drain of ${request.target} incomplete: evicted ${o.evicted} pod(s); the node stays cordoned`,
      ...o.blocked.map(
        (b) => `blocked by a PodDisruptionBudget: ${b.pod.namespace}/${b.pod.name} (${b.reason})`,
      ),
      ...(o.unmanaged.length === 0
        ? []
        : [`not managed by a controller (not evicted): ${podNames(o.unmanaged)}`]),
    ];
    return { ok: false, message: lines.join('\n') };
  }
  const already = resumed && o.evicted === 0;
  return {
    ok: true,
    alreadyApplied: already,
    message: already
      ? `${request.target} was already drained (request ${request.id}); nothing changed`
      : `drained ${request.target}: cordoned, evicted ${o.evicted} pod(s)`,
    ...(undo === undefined ? {} : { undo }),
  };
}

async function execute(
  ctx: ActionContext,
  request: ActionRequest,
  target: ObjectRef,
  params: Params,
): Promise<ExecuteResult> {
  const refusal = daemonSetRefusal(await podsOn(ctx, target), params);
  if (refusal !== undefined) return { ok: false, message: refusal };
  const mark = readMark(await ctx.api.read(target));
  let resumed = mark?.id === request.id;
  let undo = resumed ? mark?.undo : undefined;
  if (!resumed) {
    const cordoned = await executePatch(ctx, target, request, (n) => cordonPlan(request, n));
    if (!cordoned.ok) return cordoned;
    resumed = cordoned.alreadyApplied;
    undo = cordoned.undo;
  }
  const outcome = await evictUntilDone(ctx, target, params.gracePeriodSeconds);
  return outcomeResult(request, outcome, resumed, undo);
}

export const drainHandler: ActionHandler<Params> = {
  dryRun,
  execute,
  async probe(ctx, request, target) {
    if (!isUnschedulable(await ctx.api.read(target))) {
      return { state: 'waiting', message: `${request.target} is schedulable` };
    }
    const pods = await podsOn(ctx, target);
    const left = pods.filter(
      (p) => p.class === 'evict' || p.class === 'terminating' || p.class === 'unmanaged',
    );
    return left.length === 0
      ? { state: 'done', message: `${request.target} is cordoned and drained` }
      : {
          state: 'waiting',
          message: `${left.length} pod(s) still on ${request.target}: ${podNames(left)}`,
        };
  },
};
