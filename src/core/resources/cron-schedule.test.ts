import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { cronPattern, scheduleSchema } from './cron-schedule.ts';

const valid = [
  '*/5 * * * *',
  '0 9 * * MON-FRI',
  '0,15,30,45 8-18/2 * * 1-5',
  '0 0 L * *',
  '0 0 * * 5#2',
  '0 0 * * 5L',
  '0 0 1 jan *',
  '30 */10 * * * *',
  '@hourly',
  '@weekdays',
];
const invalidByPattern = [
  'every 5 minutes',
  '61 * * * *',
  '0 24 * * *',
  '0 0 32 * *',
  '0 0 * 13 *',
  '*/0 * * * *',
  '* * * * * * *',
];

describe('cron', () => {
  it('the CRD pattern accepts what cron-parser (BullMQ) runs', () => {
    for (const expression of valid) {
      expect(cronPattern.test(expression), expression).toBe(true);
      expect(() => CronExpressionParser.parse(expression), expression).not.toThrow();
    }
  });

  it('the CRD pattern refuses bad fields and ranges, as cron-parser does', () => {
    for (const expression of invalidByPattern) {
      expect(cronPattern.test(expression), expression).toBe(false);
      expect(() => CronExpressionParser.parse(expression), expression).toThrow();
    }
  });

  it('zod also runs cron-parser, for what a pattern cannot see', () => {
    const parsed = scheduleSchema.safeParse({ cron: '5-1 * * * *' });
    expect(parsed.error?.issues[0]?.path).toEqual(['cron']);
    expect(parsed.error?.issues[0]?.message).toContain('invalid cron');
  });

  it('defaults the time zone to UTC and checks a given one against the IANA database', () => {
    expect(scheduleSchema.parse({ cron: '@daily' }).timezone).toBe('UTC');
    expect(scheduleSchema.parse({ cron: '@daily', timezone: 'Europe/Berlin' }).timezone).toBe(
      'Europe/Berlin',
    );
    const unknown = scheduleSchema.safeParse({ cron: '@daily', timezone: 'Mars/Olympus' });
    expect(unknown.error?.issues.map((i) => i.path.join('.'))).toEqual(['timezone']);
    const malformed = scheduleSchema.safeParse({ cron: '@daily', timezone: 'Berlin time' });
    expect(malformed.error?.issues[0]?.message).toContain('IANA time zone');
  });
});
