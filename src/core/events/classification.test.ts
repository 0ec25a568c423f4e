import { describe, expect, it } from 'vitest';
import { priorityOf } from './classification.ts';

describe('priorityOf', () => {
  it.each([
    ['critical', 'production', 'P1'],
    ['Critical', 'Production', 'P1'],
    ['critical', undefined, 'P2'],
    ['critical', 'staging', 'P3'],
    ['warning', 'production', 'P3'],
    ['warning', undefined, 'P4'],
    ['info', 'production', 'P5'],
    [undefined, undefined, 'P5'],
  ])('severity %s in %s is %s by default', (severity, environment, priority) => {
    expect(priorityOf(severity, environment)).toBe(priority);
  });

  it("puts the Source's rows before the default table, first match winning", () => {
    const rows = [
      { severity: 'warning', environment: 'production', priority: 'P1' as const },
      { environment: 'sandbox', priority: 'P5' as const },
    ];
    expect(priorityOf('warning', 'production', rows)).toBe('P1');
    expect(priorityOf('critical', 'sandbox', rows)).toBe('P5');
    expect(priorityOf('critical', 'production', rows)).toBe('P1');
    expect(priorityOf('warning', 'staging', rows)).toBe('P4');
  });
});
