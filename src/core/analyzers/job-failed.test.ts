import { describe, expect, it } from 'vitest';
import {
  failedJob,
  NS,
  pod,
  snapshotOf,
  terminated,
} from '../../../test/support/fixtures/index.ts';
import { analyzeJobs } from './job-failed.ts';

function failedPod() {
  return pod('migrate-x7k2p', {
    labels: { 'job-name': 'migrate' },
    owner: { kind: 'Job', name: 'migrate' },
    phase: 'Failed',
    statuses: [terminated('migrate', 1)],
  });
}

function logs(lines: string[]) {
  return [{ namespace: NS, pod: 'migrate-x7k2p', container: 'migrate', previous: false, lines }];
}

describe('analyzeJobs', () => {
  it('proposes a re-run when the logs show a transient failure', () => {
    const [finding] = analyzeJobs(
      snapshotOf({
        jobs: [failedJob('migrate')],
        pods: [failedPod()],
        logs: logs([
          'INFO migrating',
          'ERROR dial tcp 10.96.44.12:5432: connect: connection refused',
        ]),
      }),
    );
    expect(finding?.object).toBe(`Job/${NS}/migrate`);
    expect(finding?.summary).toContain(
      'failed (BackoffLimitExceeded: Job has reached the specified backoff limit)',
    );
    expect(finding?.summary).toContain('last exit code 1');
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        source: 'log',
        text: 'ERROR dial tcp 10.96.44.12:5432: connect: connection refused',
      }),
    );
    expect(finding?.action).toMatchObject({
      action: 'rerun_job',
      target: `Job/${NS}/migrate`,
      rationale: expect.stringContaining('connection refused'),
    });
  });

  it('proposes nothing for an application error', () => {
    const [finding] = analyzeJobs(
      snapshotOf({
        jobs: [failedJob('migrate')],
        pods: [failedPod()],
        logs: logs(['ERROR relation "orders" already exists', 'FATAL migration 0042 failed']),
      }),
    );
    expect(finding?.action).toBeNull();
    expect(finding?.summary).toContain('FATAL migration 0042 failed');
  });

  it('ignores Jobs that have not failed', () => {
    const running = { ...failedJob('nightly'), status: { active: 1 } };
    expect(analyzeJobs(snapshotOf({ jobs: [running] }))).toEqual([]);
  });
});
