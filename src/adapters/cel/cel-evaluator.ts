import { Environment } from '@marcbachmann/cel-js';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';

/**
 * The engine's ExpressionEvaluator on @marcbachmann/cel-js (zero
 * dependencies, maintained). Context variables are dynamic (the run
 * context is JSON); parsed expressions are cached; depth and size are
 * bounded at parse time.
 */
export function createCelEvaluator(): ExpressionEvaluator {
  const env = new Environment({
    unlistedVariablesAreDyn: true,
    enableOptionalTypes: true,
    limits: {
      maxAstNodes: 2000,
      maxDepth: 50,
      maxListElements: 500,
      maxMapEntries: 500,
      maxCallArguments: 16,
    },
  });
  const cache = new Map<string, ReturnType<Environment['parse']>>();
  const firstLine = (err: unknown) =>
    err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
  return {
    check(expression) {
      try {
        env.parse(expression);
        return undefined;
      } catch (err) {
        return firstLine(err);
      }
    },
    evaluate(expression, context) {
      try {
        let program = cache.get(expression);
        if (program === undefined) {
          program = env.parse(expression);
          if (cache.size > 500) cache.clear();
          cache.set(expression, program);
        }
        const value: unknown = program(context);
        if (value instanceof Promise)
          return { ok: false, error: 'async CEL functions are not allowed' };
        return { ok: true, value: typeof value === 'bigint' ? Number(value) : value };
      } catch (err) {
        return {
          ok: false,
          error: err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err),
        };
      }
    },
  };
}
