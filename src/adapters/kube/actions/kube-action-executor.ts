import { setTimeout as sleep } from 'node:timers/promises';
import type * as k8s from '@kubernetes/client-node';
import { isAppError } from '../../../core/errors.ts';
import type { ActionName } from '../../../core/investigation/actions.ts';
import type { Clock } from '../../../core/ports.ts';
import type {
  ActionExecutor,
  ActionRequest,
  DryRunResult,
  VerifyResult,
} from '../../../core/remediation/action-executor.ts';
import { parseActionTarget } from '../../../core/remediation/catalogue.ts';
import type { ActionContext, ActionHandler } from './action-handler.ts';
import { drainHandler } from './drain-node.ts';
import { executorParamSchemas } from './executor-params.ts';
import { updateHpaHandler } from './hpa-action.ts';
import { deleteJobHandler, rerunJobHandler } from './job-actions.ts';
import { cordonHandler, uncordonHandler } from './node-actions.ts';
import {
  type ApiKind,
  clientsFrom,
  createRemediationApi,
  type ObjectRef,
  type RemediationApi,
} from './remediation-api.ts';
import { restartPodHandler } from './restart-pod.ts';
import { rollbackHandler } from './rollback.ts';
import { setResourcesHandler } from './set-resources.ts';
import { rolloutRestartHandler, scaleHandler } from './workload-actions.ts';

/**
 * The Kubernetes adapter of the ActionExecutor port: validates a request
 * (params by the action's zod schema, target by the catalogue), runs the
 * action's handler, and turns API errors into results a person can read.
 */
export interface KubeActionExecutorDeps {
  readonly api: RemediationApi;
  readonly clock: Clock;
  /** How long drain_node retries evictions a PodDisruptionBudget refuses (default 2 minutes). */
  readonly drainTimeoutMs?: number;
  /** How often verify looks (default 1 s). */
  readonly pollIntervalMs?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: each handler is typed by its action's params.
type AnyHandler = ActionHandler<any>;

const handlers: Readonly<Record<ActionName, AnyHandler>> = {
  restart_pod: restartPodHandler,
  rollout_restart: rolloutRestartHandler,
  scale: scaleHandler,
  rollback: rollbackHandler,
  cordon_node: cordonHandler,
  uncordon_node: uncordonHandler,
  drain_node: drainHandler,
  update_hpa: updateHpaHandler,
  set_resources: setResourcesHandler,
  delete_job: deleteJobHandler,
  rerun_job: rerunJobHandler,
};

interface Prepared {
  readonly handler: AnyHandler;
  readonly target: ObjectRef;
  readonly params: unknown;
}

function prepare(request: ActionRequest): Prepared | string {
  const handler = handlers[request.action];
  if (handler === undefined) return `unknown action "${request.action}"`;
  const target = parseActionTarget(request.action, request.target);
  if (!target.ok) return target.message;
  const params = executorParamSchemas[request.action].safeParse(request.params);
  if (!params.success) {
    const issue = params.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return `params of ${request.action}${field === '' ? '' : `.${field}`}: ${issue?.message ?? 'invalid'}`;
  }
  const kind = target.target.kind as ApiKind;
  return { handler, target: { ...target.target, kind }, params: params.data };
}

/** Within what the proposal record keeps (summary 4,000, diff 20,000 characters). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n… (${text.length - max} more characters)`;
  return `${text.slice(0, max - note.length)}${note}`;
}

function clipped(result: DryRunResult): DryRunResult {
  const summary = clip(result.summary, 4000);
  if (!result.ok) return { ok: false, summary };
  return result.diff === undefined
    ? { ok: true, summary }
    : { ok: true, summary, diff: clip(result.diff, 20_000) };
}

function failure(err: unknown): string {
  if (err instanceof Error && err.name === 'AbortError') return 'cancelled';
  return err instanceof Error ? err.message : String(err);
}

export function createKubeActionExecutor(deps: KubeActionExecutorDeps): ActionExecutor {
  const context = (signal?: AbortSignal): ActionContext => ({
    api: deps.api,
    now: () => deps.clock.now(),
    sleep: (ms, s) => sleep(ms, undefined, s === undefined ? {} : { signal: s }),
    drainTimeoutMs: deps.drainTimeoutMs ?? 120_000,
    pollIntervalMs: deps.pollIntervalMs ?? 1000,
    ...(signal === undefined ? {} : { signal }),
  });

  return {
    async dryRun(request, signal) {
      const prepared = prepare(request);
      if (typeof prepared === 'string') return { ok: false, summary: prepared };
      try {
        const { handler, target, params } = prepared;
        return clipped(await handler.dryRun(context(signal), request, target, params));
      } catch (err) {
        return { ok: false, summary: `dry run of ${request.action} refused: ${failure(err)}` };
      }
    },
    async execute(request, signal) {
      const prepared = prepare(request);
      if (typeof prepared === 'string') return { ok: false, message: prepared };
      try {
        const { handler, target, params } = prepared;
        const result = await handler.execute(context(signal), request, target, params);
        return { ...result, message: clip(result.message, 4000) };
      } catch (err) {
        return {
          ok: false,
          message: `${request.action} on ${request.target} failed: ${failure(err)}`,
        };
      }
    },
    async verify(request, timeoutMs, signal) {
      const prepared = prepare(request);
      if (typeof prepared === 'string') return { ok: false, timedOut: false, message: prepared };
      return verifyLoop(context(signal), request, prepared, timeoutMs);
    },
  };
}

async function verifyLoop(
  ctx: ActionContext,
  request: ActionRequest,
  { handler, target, params }: Prepared,
  timeoutMs: number,
): Promise<VerifyResult> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not checked yet';
  for (;;) {
    try {
      const probe = await handler.probe(ctx, request, target, params);
      if (probe.state === 'done') return { ok: true, message: probe.message };
      if (probe.state === 'failed') return { ok: false, timedOut: false, message: probe.message };
      last = probe.message;
    } catch (err) {
      if (!isAppError(err)) return { ok: false, timedOut: false, message: failure(err) };
      last = err.message;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const seconds = Math.round(timeoutMs / 1000);
      return {
        ok: false,
        timedOut: true,
        message: `${request.action} on ${request.target} not verified within ${seconds}s: ${last}`,
      };
    }
    try {
      await ctx.sleep(Math.min(ctx.pollIntervalMs, left), ctx.signal);
    } catch {
      return { ok: false, timedOut: false, message: `verification cancelled: ${last}` };
    }
  }
}

/** The executor over a kubeconfig: the composition root's one-liner. */
export function kubeActionExecutor(
  kc: k8s.KubeConfig,
  options: Omit<KubeActionExecutorDeps, 'api'>,
): ActionExecutor {
  return createKubeActionExecutor({ ...options, api: createRemediationApi(clientsFrom(kc)) });
}
