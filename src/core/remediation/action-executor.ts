import type { ActionName } from '../investigation/actions.ts';
import type { RiskLevel } from './proposal.ts';

/**
 * The port between the remediation lifecycle (policy, gate, exactly-once
 * execution, audit) and the cluster. The Kubernetes adapter implements it
 * (src/adapters/kube/actions/); nothing else in the product may mutate
 * the cluster.
 */
export interface ActionRequest {
  /** The proposal id; doubles as the idempotency key of the execution. */
  readonly id: string;
  readonly action: ActionName;
  /** `Kind/namespace/name` (`Node/name`). */
  readonly target: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type DryRunResult =
  | { readonly ok: true; readonly summary: string; readonly diff?: string }
  | { readonly ok: false; readonly summary: string };

export type ExecuteResult =
  /** `alreadyApplied`: an earlier execution of the same id had already done it (nothing changed now). */
  | {
      readonly ok: true;
      readonly message: string;
      readonly alreadyApplied: boolean;
      readonly undo?: ActionRequest;
    }
  | { readonly ok: false; readonly message: string };

export type VerifyResult =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly timedOut: boolean; readonly message: string };

export interface ActionExecutor {
  /** Server-side dry run (dryRun=All): what would change; the cluster is untouched. */
  dryRun(request: ActionRequest, signal?: AbortSignal): Promise<DryRunResult>;
  /**
   * Applies the action once per request id: a second call with the same id
   * (a retried job, a second worker) finds the first one's mark and changes
   * nothing. `undo` is the inverse request, when the action has one, built
   * from the state before the change (e.g. the previous replicas).
   */
  execute(request: ActionRequest, signal?: AbortSignal): Promise<ExecuteResult>;
  /** Waits until the action's effect is healthy (rollout complete, pods Ready, node state) or the timeout. */
  verify(request: ActionRequest, timeoutMs: number, signal?: AbortSignal): Promise<VerifyResult>;
}

/** What the catalogue declares of each action. */
export interface ActionDefinition {
  readonly name: ActionName;
  readonly risk: RiskLevel;
  /** The target kinds it accepts. */
  readonly kinds: readonly string[];
  /** RBAC the operator needs to run it: `verb resource[/subresource] (apiGroup)`. */
  readonly rbac: readonly string[];
  /** How it is verified, for people: "rollout complete", "node unschedulable", … */
  readonly verify: string;
  /** Whether a failed verification can be undone automatically. */
  readonly hasInverse: boolean;
}
