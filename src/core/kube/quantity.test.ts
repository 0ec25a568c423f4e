import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, parseQuantity } from './quantity.ts';

describe('quantities', () => {
  it('parses binary and decimal suffixes, millis and exponents', () => {
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('4Ti')).toBe(4 * 2 ** 40);
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('12Qi')).toBeUndefined();
  });

  it('formats memory in whole Mi (Gi when exact) and CPU in cores or millicores', () => {
    expect(formatMemory(2 ** 30)).toBe('1Gi');
    expect(formatMemory(96 * 2 ** 20 + 1)).toBe('97Mi');
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(2)).toBe('2');
  });
});
