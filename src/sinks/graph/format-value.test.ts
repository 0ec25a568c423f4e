import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';

describe('formatValue', () => {
  it('shortens large and tiny numbers for the axis', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue(1536)).toBe('1.54k');
    expect(formatValue(268_435_456)).toBe('268M');
    expect(formatValue(-3_000_000_000)).toBe('-3G');
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(0.000042)).toBe('4.2e-5');
  });
});
