import { describe, expect, it } from 'vitest';
import { runName } from './run-store.ts';

describe('runName', () => {
  it('gives distinct names to many runs of one Workflow started in the same millisecond', () => {
    const now = new Date('2026-11-22T09:40:00.000Z');
    const names = new Set(Array.from({ length: 20_000 }, () => runName('triage', now)));
    // The name is the job id: a repeat would merge two incidents into one run.
    expect(names.size).toBe(20_000);
  });

  it('is a DNS subdomain no longer than 253 characters, the Workflow first', () => {
    const name = runName('a'.repeat(260), new Date(0), () => 0.5);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(runName('triage', new Date(0), () => 0)).toBe('triage-000000000');
    expect(runName('triage', new Date(0), () => 0.5)).toMatch(/^triage-0[0-9a-z]{8}$/);
  });
});
