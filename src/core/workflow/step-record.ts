import type { stepPhases } from '../resources/workflow-run.ts';
import type { StepType } from '../resources/workflow-steps.ts';

/**
 * What the engine knows of one step: the same facts the WorkflowRun's
 * status.steps[] records, plus the step's output (kept by the worker).
 */
export type StepPhase = (typeof stepPhases)[number];

export interface StepRecord {
  readonly name: string;
  readonly type: StepType;
  readonly phase: StepPhase;
  /** Attempts started so far (a retry increments it; a resumed attempt does not). */
  readonly attempts: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly output?: unknown;
  readonly summary?: string;
  readonly error?: string;
}

export type StepRecords = Readonly<Record<string, StepRecord>>;

export const finishedStepPhases: readonly StepPhase[] = [
  'Succeeded',
  'Failed',
  'Skipped',
  'AwaitingApproval',
  'Cancelled',
];

export function isFinished(record: StepRecord | undefined): boolean {
  return record !== undefined && finishedStepPhases.includes(record.phase);
}

/** A proposal the remediate step puts before the approval gate. */
export interface ApprovalRequest {
  readonly proposalId: string;
  readonly action: string;
  readonly target?: string;
}

/** How one attempt of a step ended: expected outcomes, never exceptions. */
export type StepOutcome =
  | {
      readonly type: 'succeeded';
      readonly output: unknown;
      readonly summary: string;
    }
  | {
      readonly type: 'awaiting-approval';
      readonly output: unknown;
      readonly summary: string;
      readonly approval: ApprovalRequest;
    }
  | { readonly type: 'failed'; readonly error: string; readonly retryable?: boolean };
