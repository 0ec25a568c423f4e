import type { SourceEvent } from '../../../core/events/source-event.ts';
import type { Workflow } from '../../../core/resources/workflow.ts';
import type { WorkflowStep } from '../../../core/resources/workflow-steps.ts';
import type { RunContext, RunRef } from '../../../core/workflow/run-context.ts';
import type { StepOutcome } from '../../../core/workflow/step-record.ts';

/** What an executor gets for one attempt of one step (fields already rendered). */
export interface StepInput {
  readonly run: RunRef & { readonly uid?: string };
  readonly event: SourceEvent;
  readonly context: RunContext;
  readonly workflow: Workflow;
  /** Aborted when the attempt times out or the worker shuts down. */
  readonly signal: AbortSignal;
  /** Reports a line of live progress (a tool call, an analyzer); published as a run event. */
  readonly progress: (message: string) => void;
}

type Of<T extends WorkflowStep['type']> = Extract<WorkflowStep, { type: T }>;
export type StepExecutor<T extends WorkflowStep['type']> = (
  step: Of<T>,
  input: StepInput,
) => Promise<StepOutcome>;

/** One executor per step type that runs outside the engine (conditional is the engine's own). */
export interface StepExecutors {
  readonly analyze: StepExecutor<'analyze'>;
  readonly agent: StepExecutor<'agent'>;
  readonly cli: StepExecutor<'cli'>;
  readonly remediate: StepExecutor<'remediate'>;
}

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);
