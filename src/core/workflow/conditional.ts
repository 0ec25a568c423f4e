import type { ConditionalOutput } from './engine.ts';
import type { ExpressionEvaluator } from './expression-evaluator.ts';
import type { RunContext } from './run-context.ts';
import type { StepOutcome } from './step-record.ts';

/**
 * A conditional step: its CEL expression over the run context must be a
 * bool; true takes `then`, false takes `else` (each defaults to `next`;
 * `skip` ends the run). An expression that does not evaluate to a bool
 * fails the step (a retry would give the same answer).
 */
interface ConditionalStep {
  readonly name: string;
  readonly expression: string;
  readonly then?: string | undefined;
  readonly else?: string | undefined;
}

export function evaluateConditional(
  step: ConditionalStep,
  context: RunContext,
  evaluator: ExpressionEvaluator,
): StepOutcome {
  const result = evaluator.evaluate(step.expression, { ...context });
  if (!result.ok) {
    return { type: 'failed', error: `expression failed: ${result.error}`, retryable: false };
  }
  if (typeof result.value !== 'boolean') {
    return {
      type: 'failed',
      error: `expression must evaluate to a bool, got ${typeof result.value}`,
      retryable: false,
    };
  }
  const next = (result.value ? step.then : step.else) ?? 'next';
  const output: ConditionalOutput = { result: result.value, next };
  const where = next === 'skip' ? 'end the run' : next === 'next' ? 'continue' : `go to ${next}`;
  return { type: 'succeeded', output, summary: `${result.value} → ${where}` };
}
