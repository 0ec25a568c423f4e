import { z } from 'zod';

/**
 * A label matcher as Alertmanager reads one: `=` equal, `!=` not equal,
 * `=~` regex match, `!~` regex non-match. Regexes are anchored at both ends;
 * a label that is absent matches as the empty string (so `!=` and `!~`
 * match alerts without it).
 */
export const matchOperators = ['=', '!=', '=~', '!~'] as const;
export type MatchOperator = (typeof matchOperators)[number];

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(`^(?:${pattern})$`);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

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
    if (matcher.operator !== '=~' && matcher.operator !== '!~') return;
    const problem = regexProblem(matcher.value);
    if (problem !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is not a valid regex: ${problem}`,
      });
    }
  })
  .describe('An Alertmanager-style label matcher.');

export type LabelMatcher = z.infer<typeof labelMatcherSchema>;
