/**
 * The CEL evaluator the engine needs, as a port: the library behind it is
 * an adapter (src/adapters/cel/cel-evaluator.ts), so it can be swapped.
 */
export type EvaluationResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

export interface ExpressionEvaluator {
  evaluate(expression: string, context: Readonly<Record<string, unknown>>): EvaluationResult;
  /** Parses without evaluating: the syntax error, or undefined when the expression is well formed. */
  check(expression: string): string | undefined;
}
