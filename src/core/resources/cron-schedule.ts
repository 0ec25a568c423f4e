import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { freeForm } from './collections.ts';
import { celString, re2Source, withRules } from './validation-rule.ts';

/**
 * Cron as BullMQ reads it (cron-parser): 5 fields, or 6 with seconds first,
 * or a macro such as @hourly. The API server checks each field's values and
 * ranges with a pattern; zod also runs cron-parser (e.g. `5-1` is rejected
 * only there).
 */
function field(value: string, extra: readonly string[] = []): string {
  const atom = `(?:\\*|H|${value}(?:-${value})?)(?:/[1-9][0-9]{0,2})?`;
  const item = [atom, ...extra].join('|');
  return `(?:${item})(?:,(?:${item}))*`;
}

const minute = field('[0-5]?[0-9]');
const hour = field('(?:[01]?[0-9]|2[0-3])');
const dayOfMonth = field('(?:0?[1-9]|[12][0-9]|3[01])', ['L', '\\?']);
const month = field('(?:0?[1-9]|1[0-2]|[A-Za-z]{3})');
const dayOfWeek = field('(?:[0-7]|[A-Za-z]{3})', ['[0-7]L', '[0-7]#[1-5]', 'L', '\\?']);
const macros = 'yearly|annually|monthly|weekly|daily|hourly|minutely|weekdays|weekends';

export const cronPattern = new RegExp(
  `^(?:@(?:${macros})|(?:${minute}\\s+)?${minute}\\s+${hour}\\s+${dayOfMonth}\\s+${month}\\s+${dayOfWeek})$`,
);

function cronProblem(expression: string): string | undefined {
  try {
    CronExpressionParser.parse(expression);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const cronSchema = withRules(z.string().min(1).max(128), [
  {
    rule: `self.matches(${celString(re2Source(cronPattern))})`,
    message:
      "must be a cron expression: 5 fields (minute hour day-of-month month day-of-week, e.g. '*/5 * * * *'), 6 with seconds first, or a macro such as @hourly",
    check: (value) => (cronPattern.test(value) ? [] : [{ path: [] }]),
  },
]).superRefine((value, ctx) => {
  if (!cronPattern.test(value)) return;
  const problem = cronProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid cron: ${problem}` });
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*){0,2}$/,
    'must be an IANA time zone such as Europe/Berlin or UTC',
  )
  .refine(isTimeZone, { message: 'is not a time zone known to the IANA database' });

export const scheduleSchema = z
  .strictObject({
    cron: cronSchema.describe(
      "When to run: cron with 5 fields ('0 9 * * MON-FRI'), 6 with seconds first, or @hourly/@daily/….",
    ),
    timezone: timeZoneSchema
      .default('UTC')
      .describe('IANA time zone the cron expression is read in, e.g. Europe/Berlin.'),
    inputs: freeForm('Inputs passed to every scheduled run.').optional(),
  })
  .describe('A cron schedule; each tick starts one run.');

export type Schedule = z.infer<typeof scheduleSchema>;
