import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('prints short Go-like durations for the DURATION column', () => {
    expect(formatDuration(850)).toBe('0s');
    expect(formatDuration(92_000)).toBe('1m32s');
    expect(formatDuration(3 * 3_600_000 + 5_000)).toBe('3h0m5s');
    expect(formatDuration(-5)).toBe('0s');
  });
});
