import type { WorkflowStep } from '../../core/resources/workflow-steps.ts';
import { evaluateConditional } from '../../core/workflow/conditional.ts';
import type { NextMove } from '../../core/workflow/engine.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import type { StepOutcome } from '../../core/workflow/step-record.ts';
import { renderStep } from '../../core/workflow/templates.ts';
import { errorText, type StepExecutors, type StepInput } from './steps/step-executor.ts';

/**
 * One attempt of one step: conditionals are the engine's own; the others
 * are rendered (templates) and handed to their executor, bounded by the
 * step's timeout (the attempt's signal is aborted, the outcome is a failure).
 */
export type AttemptInput = Omit<StepInput, 'signal'>;

function dispatch(
  steps: StepExecutors,
  step: WorkflowStep,
  input: StepInput,
): Promise<StepOutcome> {
  switch (step.type) {
    case 'analyze':
      return steps.analyze(step, input);
    case 'agent':
      return steps.agent(step, input);
    case 'cli':
      return steps.cli(step, input);
    case 'remediate':
      return steps.remediate(step, input);
    case 'conditional':
      throw new Error('conditional steps are evaluated by the engine');
  }
}

export async function withTimeout(
  timeoutMs: number | undefined,
  label: string,
  run: (signal: AbortSignal) => Promise<StepOutcome>,
): Promise<StepOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<StepOutcome>((resolve) => {
    if (timeoutMs === undefined) return;
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${label}`));
      resolve({ type: 'failed', error: `timed out after ${label}` });
    }, timeoutMs);
  });
  const attempt = run(controller.signal).catch(
    (err: unknown): StepOutcome => ({ type: 'failed', error: errorText(err) }),
  );
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function runAttempt(
  move: Extract<NextMove, { type: 'run-step' }>,
  input: AttemptInput,
  deps: { readonly steps: StepExecutors; readonly evaluator: ExpressionEvaluator },
): Promise<StepOutcome> {
  const step = move.step;
  if (step.type === 'conditional') {
    return Promise.resolve(evaluateConditional(step, input.context, deps.evaluator));
  }
  const rendered = renderStep(step, input.context);
  if (!rendered.ok) {
    return Promise.resolve({
      type: 'failed',
      error: `template: ${rendered.error}`,
      retryable: false,
    });
  }
  return withTimeout(move.timeoutMs, step.timeout ?? '', (signal) =>
    dispatch(deps.steps, rendered.value, { ...input, signal }),
  );
}
