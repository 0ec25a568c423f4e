import Mustache from 'mustache';
import { z } from 'zod';

/**
 * Strings people write in code-like languages: mustache templates and CEL
 * expressions. The API server checks only their size; zod also parses the
 * template. CEL is compiled by the controller (no CEL library in the core).
 */
function mustacheProblem(template: string): string | undefined {
  try {
    Mustache.parse(template);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function template(maxLength: number) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .superRefine((value, ctx) => {
      const problem = mustacheProblem(value);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: `is not a valid mustache template: ${problem}` });
      }
    });
}

export const celExpression = z
  .string()
  .min(1)
  .max(4096)
  .describe('A CEL expression over the run context (trigger, steps, outputs).');

/**
 * A value taken from a JSON body: a JSONPath (`$.alert.labels.severity`) or
 * a mustache template (`{{body.alert.title}}`).
 */
const jsonPathPattern = /^\$(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\]|\['[^']+'\]|\[\*\])*$/;

export const fieldMapping = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((value, ctx) => {
    if (value.startsWith('$')) {
      if (!jsonPathPattern.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'is not a JSONPath such as $.alert.labels.severity',
        });
      }
      return;
    }
    const problem = mustacheProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: `is not a valid mustache template: ${problem}` });
    }
  })
  .describe('A JSONPath into the request body ($.a.b) or a mustache template ({{body.a.b}}).');
