import { describe, expect, it } from 'vitest';
import { expiredRuns, type isFinished } from './run-retention.ts';

const now = new Date('2026-11-22T12:00:00Z');
function run(name: string, phase: string | undefined, finishedAt?: string) {
  return {
    metadata: { name, namespace: 'ops', creationTimestamp: '2026-11-01T00:00:00Z' },
    spec: { workflowRef: { name: name.startsWith('short') ? 'short' : 'long' } },
    status:
      phase === undefined
        ? undefined
        : { phase, ...(finishedAt === undefined ? {} : { finishedAt }) },
  } as never as Parameters<typeof isFinished>[0] & {
    metadata: { name: string; creationTimestamp: string };
    spec: { workflowRef: { name: string } };
  };
}

describe('run retention', () => {
  it('expires finished runs past their Workflow TTL, never running ones', () => {
    const runs = [
      run('short-done', 'Succeeded', '2026-11-22T11:59:00Z'), // 60 s ago, TTL 30 s → expired
      run('short-fresh', 'Failed', '2026-11-22T11:59:50Z'), // 10 s ago → kept
      run('short-running', 'Running'),
      run('short-waiting', 'AwaitingApproval'),
      run('long-done', 'Cancelled', '2026-11-20T12:00:00Z'), // 2 days, default TTL 7 days → kept
      run('long-old', 'Succeeded', '2026-11-10T12:00:00Z'), // 12 days → expired
    ];
    const ttl = (r: (typeof runs)[number]) =>
      r.spec.workflowRef.name === 'short' ? 30 : undefined;
    expect(expiredRuns(runs, now, ttl).map((r) => r.metadata.name)).toEqual([
      'short-done',
      'long-old',
    ]);
  });

  it('uses the creation time when a finished run has no finishedAt', () => {
    expect(
      expiredRuns([run('short-x', 'Failed')], now, () => 60).map((r) => r.metadata.name),
    ).toEqual(['short-x']);
  });
});
