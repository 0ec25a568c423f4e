import { parseDuration } from '../resources/duration.ts';
import type { WorkflowSpec } from '../resources/workflow.ts';
import type { WorkflowStep } from '../resources/workflow-steps.ts';
import type { StepOutcome, StepRecord, StepRecords } from './step-record.ts';

/**
 * The workflow state machine, pure: from the Workflow's steps and the
 * records of the steps so far, which step runs next (and which attempt),
 * or how the run ends; and how an attempt's outcome changes the records.
 * Because the next move is derived from the records alone, a run resumed
 * from its WorkflowRun status continues where it stopped.
 */
export type NextMove =
  | {
      readonly type: 'run-step';
      readonly step: WorkflowStep;
      readonly index: number;
      readonly attempt: number;
      /** The step's own timeout of one attempt; undefined: none. */
      readonly timeoutMs: number | undefined;
    }
  | {
      readonly type: 'finish';
      readonly phase: 'Succeeded' | 'Failed' | 'AwaitingApproval' | 'Cancelled';
      readonly message: string;
    };

/** The output of a conditional step: the value of its expression and where the run goes. */
export interface ConditionalOutput {
  readonly result: boolean;
  readonly next: string;
}

function isConditionalOutput(value: unknown): value is ConditionalOutput {
  return (
    typeof value === 'object' &&
    value !== null &&
    'next' in value &&
    typeof value.next === 'string' &&
    'result' in value &&
    typeof value.result === 'boolean'
  );
}

/** Index of the step a finished step leads to (steps.length: the end). */
function indexAfter(steps: readonly WorkflowStep[], index: number, record: StepRecord): number {
  if (record.type !== 'conditional' || !isConditionalOutput(record.output)) return index + 1;
  const { next } = record.output;
  if (next === 'next') return index + 1;
  if (next === 'skip') return steps.length;
  const at = steps.findIndex((s) => s.name === next);
  return at > index ? at : index + 1;
}

function runStep(step: WorkflowStep, index: number, attempt: number): NextMove {
  const timeoutMs = step.timeout === undefined ? undefined : parseDuration(step.timeout);
  return { type: 'run-step', step, index, attempt, timeoutMs };
}

function endOf(record: StepRecord): NextMove | undefined {
  switch (record.phase) {
    case 'Failed':
      return {
        type: 'finish',
        phase: 'Failed',
        message: `step ${record.name} failed: ${record.error ?? 'unknown error'}`,
      };
    case 'AwaitingApproval':
      return {
        type: 'finish',
        phase: 'AwaitingApproval',
        message: `step ${record.name} awaits approval`,
      };
    case 'Cancelled':
      // A remediation nobody approved (dismissed, expired) ends the run, which did its job.
      if (record.type === 'remediate') {
        return {
          type: 'finish',
          phase: 'Succeeded',
          message: record.summary ?? 'remediation not run',
        };
      }
      return { type: 'finish', phase: 'Cancelled', message: `step ${record.name} was cancelled` };
    default:
      return undefined;
  }
}

export function nextMove(spec: Pick<WorkflowSpec, 'steps'>, records: StepRecords): NextMove {
  const steps = spec.steps;
  let index = 0;
  let endedBy: string | undefined;
  while (index < steps.length) {
    const step = steps[index] as WorkflowStep;
    const record = records[step.name];
    if (record === undefined || record.phase === 'Pending') {
      return runStep(step, index, (record?.attempts ?? 0) + 1);
    }
    // A Running record is an attempt a worker did not finish (it crashed): run it again, same attempt.
    if (record.phase === 'Running') return runStep(step, index, Math.max(record.attempts, 1));
    const end = endOf(record);
    if (end !== undefined) return end;
    const after = record.phase === 'Skipped' ? index + 1 : indexAfter(steps, index, record);
    if (after >= steps.length && index < steps.length - 1) endedBy = step.name;
    index = after;
  }
  const message =
    endedBy === undefined ? 'all steps finished' : `step ${endedBy} ended the run early (skip)`;
  return { type: 'finish', phase: 'Succeeded', message };
}

/** The records once an attempt starts. */
export function startStep(
  records: StepRecords,
  step: WorkflowStep,
  attempt: number,
  now: Date,
): Record<string, StepRecord> {
  const previous = records[step.name];
  const record: StepRecord = {
    name: step.name,
    type: step.type,
    phase: 'Running',
    attempts: attempt,
    startedAt: previous?.startedAt ?? now.toISOString(),
    ...(previous?.error === undefined ? {} : { error: previous.error }),
  };
  return { ...records, [step.name]: record };
}

function skipBetween(
  steps: readonly WorkflowStep[],
  from: number,
  to: number,
  records: Record<string, StepRecord>,
  by: string,
): void {
  for (const step of steps.slice(from + 1, to)) {
    if (records[step.name] !== undefined) continue;
    records[step.name] = {
      name: step.name,
      type: step.type,
      phase: 'Skipped',
      attempts: 0,
      summary: `skipped by ${by}`,
    };
  }
}

function failed(
  step: WorkflowStep,
  attempt: number,
  base: Omit<StepRecord, 'phase'> & { readonly finishedAt: string },
  error: string,
  retryable: boolean,
): StepRecord {
  const left = step.retries + 1 - attempt;
  if (retryable && left > 0) {
    const { finishedAt: _finished, ...pending } = base;
    const retries = `${left} ${left === 1 ? 'retry' : 'retries'} left`;
    return {
      ...pending,
      phase: 'Pending',
      error: `attempt ${attempt} failed: ${error}; ${retries}`,
    };
  }
  return { ...base, phase: 'Failed', error };
}

/** The records once an attempt ended; a conditional's jump marks the steps it passes over Skipped. */
export function finishStep(
  spec: Pick<WorkflowSpec, 'steps'>,
  records: StepRecords,
  step: WorkflowStep,
  attempt: number,
  outcome: StepOutcome,
  now: Date,
): Record<string, StepRecord> {
  const started = records[step.name];
  const base = {
    name: step.name,
    type: step.type,
    attempts: attempt,
    ...(started?.startedAt === undefined ? {} : { startedAt: started.startedAt }),
    finishedAt: now.toISOString(),
  };
  const next: Record<string, StepRecord> = { ...records };
  if (outcome.type === 'failed') {
    next[step.name] = failed(step, attempt, base, outcome.error, outcome.retryable ?? true);
    return next;
  }
  next[step.name] = {
    ...base,
    phase: outcome.type === 'succeeded' ? 'Succeeded' : 'AwaitingApproval',
    output: outcome.output,
    summary: outcome.summary,
  };
  const index = spec.steps.findIndex((s) => s.name === step.name);
  const after = indexAfter(spec.steps, index, next[step.name] as StepRecord);
  if (after > index + 1) skipBetween(spec.steps, index, after, next, step.name);
  return next;
}

/** How a proposal awaiting approval ended: the remediate step's result, once known. */
export interface ApprovalResolution {
  readonly step: string;
  readonly proposalId: string;
  /** succeeded: the action ran and verified; failed: it failed or was rolled back; cancelled: dismissed or expired. */
  readonly outcome: 'succeeded' | 'failed' | 'cancelled';
  readonly message: string;
}

const resolvedPhase = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' } as const;

/**
 * The records once a decision resolved a step AwaitingApproval: Succeeded
 * (the run goes on), Failed (the run fails; no retry: a remediation is never
 * re-run by the engine) or Cancelled (the run ends, Succeeded, saying why).
 * Any other record is left as it is, so resolving twice changes nothing.
 */
export function resolveApproval(
  records: StepRecords,
  resolution: ApprovalResolution,
  now: Date,
): Record<string, StepRecord> {
  const record = records[resolution.step];
  if (record?.phase !== 'AwaitingApproval') return { ...records };
  const { error: _error, ...rest } = record;
  const phase = resolvedPhase[resolution.outcome];
  const output =
    typeof record.output === 'object' && record.output !== null
      ? { ...record.output, resolution }
      : { resolution };
  const next: StepRecord = {
    ...rest,
    phase,
    finishedAt: now.toISOString(),
    output,
    summary: resolution.message,
    ...(phase === 'Failed' ? { error: resolution.message } : {}),
  };
  return { ...records, [resolution.step]: next };
}
