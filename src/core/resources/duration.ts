import { z } from 'zod';
import { celString, re2Source, withRules } from './validation-rule.ts';

/**
 * Durations as Go writes them (`30s`, `5m`, `1h30m`, `500ms`): the API
 * server's CEL `duration()` reads the same strings, so bounds are checked on
 * both sides. Whole numbers only; units ms, s, m, h (no days: Go has none).
 */
export const durationPattern = /^([0-9]+(ms|s|m|h))+$/;
const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (!durationPattern.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(ms|s|m|h)/g)) {
    total += Number(amount) * (unitMs[unit ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? total : undefined;
}

function requireDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  return ms;
}

export interface DurationBounds {
  readonly min?: string;
  readonly max?: string;
}

function boundsMessage({ min, max }: DurationBounds): string {
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  if (min !== undefined) return `must be at least ${min}`;
  return `must be at most ${max}`;
}

function boundsCel({ min, max }: DurationBounds): string {
  const parts = [
    ...(min === undefined ? [] : [`duration(self) >= duration(${celString(min)})`]),
    ...(max === undefined ? [] : [`duration(self) <= duration(${celString(max)})`]),
  ];
  // A malformed string is reported by the pattern; don't also fail in CEL.
  return `!self.matches(${celString(re2Source(durationPattern))}) || (${parts.join(' && ')})`;
}

/** A duration string with optional bounds, e.g. `duration({ min: '1s', max: '24h' })`. */
export function duration(bounds: DurationBounds = {}): z.ZodString {
  const base = z
    .string()
    .max(32)
    .regex(durationPattern, 'must be a duration such as 30s, 5m, 1h or 1h30m');
  if (bounds.min === undefined && bounds.max === undefined) return base;
  const minMs = bounds.min === undefined ? 0 : requireDuration(bounds.min);
  const maxMs = bounds.max === undefined ? Number.POSITIVE_INFINITY : requireDuration(bounds.max);
  const message = boundsMessage(bounds);
  return withRules(base, [
    {
      rule: boundsCel(bounds),
      message,
      check: (value) => {
        const ms = parseDuration(value);
        return ms === undefined || (ms >= minMs && ms <= maxMs) ? [] : [{ path: [] }];
      },
    },
  ]);
}
