import { z } from 'zod';
import { compileMatcher } from '../alerts/matchers.ts';

/**
 * A label matcher as Alertmanager reads one: `=` equal, `!=` not equal,
 * `=~` regex match, `!~` regex non-match. Regexes are anchored at both ends;
 * a label that is absent matches as the empty string (so `!=` and `!~`
 * match alerts without it).
 */
export const matchOperators = ['=', '!=', '=~', '!~'] as const;
export type MatchOperator = (typeof matchOperators)[number];

export const labelMatcherSchema = z
  .strictObject({
    label: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name')
      .describe('Label name, e.g. severity.'),
    operator: z
      .enum(matchOperators)
      .default('=')
      .describe('= (equal), != (not equal), =~ (regex match), !~ (regex non-match).'),
    value: z
      .string()
      .max(1024)
      .default('')
      .describe('Value, or an RE2 regex anchored at both ends for =~ and !~.'),
  })
  .superRefine((matcher, ctx) => {
    // The same compiler the ingest path evaluates matchers with.
    const compiled = compileMatcher({
      name: matcher.label,
      operator: matcher.operator,
      value: matcher.value,
    });
    if (!compiled.ok)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is not a valid regex: ${compiled.error}`,
      });
  })
  .describe('An Alertmanager-style label matcher.');

export type LabelMatcher = z.infer<typeof labelMatcherSchema>;
