import { describe, expect, it } from 'vitest';
import { findCondition, isTrue, setCondition } from './conditions.ts';

const t0 = new Date('2026-11-22T10:00:00Z');
const t1 = new Date('2026-11-22T10:05:00Z');

describe('setCondition', () => {
  it('adds a condition with the transition time', () => {
    const list = setCondition(
      undefined,
      { type: 'Ready', status: 'True', reason: 'Valid', message: 'ok' },
      t0,
    );
    expect(list).toEqual([
      {
        type: 'Ready',
        status: 'True',
        reason: 'Valid',
        message: 'ok',
        lastTransitionTime: t0.toISOString(),
      },
    ]);
    expect(isTrue(list, 'Ready')).toBe(true);
  });

  it('keeps lastTransitionTime when the status does not change, updates the rest', () => {
    const first = setCondition(
      [],
      { type: 'Ready', status: 'False', reason: 'A', message: 'a', observedGeneration: 1 },
      t0,
    );
    const second = setCondition(
      first,
      { type: 'Ready', status: 'False', reason: 'B', message: 'b', observedGeneration: 2 },
      t1,
    );
    expect(findCondition(second, 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'B',
      message: 'b',
      observedGeneration: 2,
      lastTransitionTime: t0.toISOString(),
    });
  });

  it('moves lastTransitionTime when the status flips, and leaves other types alone', () => {
    const start = [
      {
        type: 'Ready',
        status: 'False' as const,
        reason: 'A',
        message: '',
        lastTransitionTime: t0.toISOString(),
      },
      {
        type: 'Synced',
        status: 'True' as const,
        reason: 'S',
        message: '',
        lastTransitionTime: t0.toISOString(),
      },
    ];
    const next = setCondition(
      start,
      { type: 'Ready', status: 'True', reason: 'Valid', message: '' },
      t1,
    );
    expect(findCondition(next, 'Ready')?.lastTransitionTime).toBe(t1.toISOString());
    expect(findCondition(next, 'Synced')).toEqual(start[1]);
    expect(next).toHaveLength(2);
  });
});
