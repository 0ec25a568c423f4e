import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './errors.ts';

describe('AppError', () => {
  it('keeps code, message, cause and details', () => {
    const cause = new Error('socket hang up');
    const err = new AppError('upstream_unavailable', 'Slack is unreachable', {
      cause,
      details: { method: 'chat.postMessage' },
    });
    expect(err.message).toBe('Slack is unreachable');
    expect(err.code).toBe('upstream_unavailable');
    expect(err.cause).toBe(cause);
    expect(err.details).toEqual({ method: 'chat.postMessage' });
    expect(err).toBeInstanceOf(Error);
  });

  it('is recognised by code', () => {
    const err = new AppError('not_found', 'no such workflow');
    expect(isAppError(err)).toBe(true);
    expect(isAppError(err, 'not_found')).toBe(true);
    expect(isAppError(err, 'conflict')).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
  });
});
