import { describe, expect, it } from 'vitest';
import { duration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads Go-style durations as milliseconds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('0s')).toBe(0);
  });

  it('refuses what Go would not read, and days', () => {
    for (const bad of ['5', '5 minutes', '1d', '1.5h', '-1s', '', 'm5']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });
});

describe('duration schema', () => {
  const bounded = duration({ min: '1s', max: '24h' });

  it('accepts a duration within bounds', () => {
    expect(bounded.parse('10m')).toBe('10m');
    expect(bounded.parse('24h')).toBe('24h');
  });

  it('names the bounds when out of range, and the form when malformed', () => {
    expect(bounded.safeParse('25h').error?.issues[0]?.message).toBe('must be between 1s and 24h');
    expect(bounded.safeParse('500ms').error?.issues[0]?.message).toBe('must be between 1s and 24h');
    expect(bounded.safeParse('5 minutes').error?.issues[0]?.message).toContain(
      'must be a duration such as 30s',
    );
  });

  it('carries the same bounds as a CEL rule for the CRD', () => {
    const rules = bounded.meta()?.['x-kubernetes-validations'];
    expect(rules).toEqual([
      {
        rule: "!self.matches('^([0-9]+(ms|s|m|h))+$') || (duration(self) >= duration('1s') && duration(self) <= duration('24h'))",
        message: 'must be between 1s and 24h',
      },
    ]);
  });
});
