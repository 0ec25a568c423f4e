import type {
  ActionRequest,
  DryRunResult,
  ExecuteResult,
} from '../../../core/remediation/action-executor.ts';
import type { ObjectRef, RemediationApi } from './remediation-api.ts';
import type { Probe } from './rollout-status.ts';

/** What every action's implementation gets: the API, the clock and its limits. */
export interface ActionContext {
  readonly api: RemediationApi;
  readonly now: () => Date;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long drain_node keeps retrying evictions a PodDisruptionBudget refuses. */
  readonly drainTimeoutMs: number;
  /** How long rerun_job waits for the old Job to go before giving up. */
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
}

/** One action: its params are already validated, its target parsed. */
export interface ActionHandler<P> {
  dryRun(
    ctx: ActionContext,
    request: ActionRequest,
    target: ObjectRef,
    params: P,
  ): Promise<DryRunResult>;
  execute(
    ctx: ActionContext,
    request: ActionRequest,
    target: ObjectRef,
    params: P,
  ): Promise<ExecuteResult>;
  /** One look at whether the effect is there and healthy; verify repeats it until done or the timeout. */
  probe(ctx: ActionContext, request: ActionRequest, target: ObjectRef, params: P): Promise<Probe>;
}
