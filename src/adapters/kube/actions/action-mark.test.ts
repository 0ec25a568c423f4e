import { describe, expect, it } from 'vitest';
import { markAnnotation, markValue, readMark, undoId } from './action-mark.ts';
import { rerunName } from './job-actions.ts';

describe('the idempotency mark', () => {
  it('round-trips the request id and the undo through the annotation', () => {
    const request = {
      id: 'p-1',
      action: 'scale' as const,
      target: 'Deployment/a/b',
      params: { replicas: 3 },
    };
    const undo = {
      id: 'p-1-undo',
      action: 'scale' as const,
      target: 'Deployment/a/b',
      params: { replicas: 1 },
    };
    const value = markValue(request, new Date('2026-11-22T08:00:00Z'), { undo });
    const object = { metadata: { annotations: { [markAnnotation]: value } } };
    expect(readMark(object)).toEqual({
      id: 'p-1',
      action: 'scale',
      at: '2026-11-22T08:00:00.000Z',
      undo,
    });
  });

  it('reads a missing or foreign annotation as no mark', () => {
    expect(readMark({ metadata: {} })).toBeUndefined();
    expect(
      readMark({ metadata: { annotations: { [markAnnotation]: 'not json' } } }),
    ).toBeUndefined();
    expect(
      readMark({ metadata: { annotations: { [markAnnotation]: '{"x":1}' } } }),
    ).toBeUndefined();
  });

  it('keeps undo ids within the 128 characters a proposal id may have', () => {
    expect(undoId('p-1')).toBe('p-1-undo');
    expect(undoId('x'.repeat(128))).toHaveLength(128);
  });

  it('names a rerun Job after the request, within 63 characters', () => {
    expect(rerunName('nightly', 'p-1')).toBe(rerunName('nightly', 'p-1'));
    expect(rerunName('nightly', 'p-1')).not.toBe(rerunName('nightly', 'p-2'));
    expect(rerunName('nightly', 'p-1')).toMatch(/^nightly-rerun-[0-9a-f]{5}$/);
    expect(rerunName('a'.repeat(63), 'p-1').length).toBeLessThanOrEqual(63);
  });
});
