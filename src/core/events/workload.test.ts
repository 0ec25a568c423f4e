import { describe, expect, it } from 'vitest';
import { workloadFromChain, workloadFromLabels } from './workload.ts';

describe('workload of an event', () => {
  it('reads a workload the labels name, preferring it to the pod', () => {
    expect(workloadFromLabels({ namespace: 'shop', deployment: 'web', pod: 'web-1' })).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    expect(workloadFromLabels({ namespace: 'shop', job_name: 'nightly' })?.kind).toBe('Job');
    expect(workloadFromLabels({ deployment: 'web' })).toBeUndefined();
    expect(workloadFromLabels({ namespace: 'shop', pod: 'web-1' })).toBeUndefined();
  });

  it('takes the outermost workload of the controller chain', () => {
    const chain = [
      { kind: 'ReplicaSet', name: 'web-7d9f', namespace: 'shop' },
      { kind: 'Deployment', name: 'web', namespace: 'shop' },
    ];
    expect(workloadFromChain('shop', chain)).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    const cron = [
      { kind: 'Job', name: 'backup-123' },
      { kind: 'CronJob', name: 'backup' },
    ];
    expect(workloadFromChain('ops', cron)).toEqual({
      kind: 'CronJob',
      namespace: 'ops',
      name: 'backup',
    });
    expect(workloadFromChain('shop', [{ kind: 'ReplicaSet', name: 'bare' }])?.name).toBe('bare');
    expect(workloadFromChain('shop', [])).toBeUndefined();
  });
});
