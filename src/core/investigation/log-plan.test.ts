import { describe, expect, it } from 'vitest';
import {
  crashLooping,
  NS,
  pod,
  running,
  snapshotOf,
  terminated,
  waiting,
} from '../../../test/support/fixtures/index.ts';
import { planLogs } from './log-plan.ts';

describe('planLogs', () => {
  it('reads previous logs of crashed containers, current logs of exited or unready ones, none for pull errors', () => {
    const pods = [
      pod('crash', { statuses: [crashLooping()] }),
      pod('job-x', { phase: 'Failed', statuses: [terminated('migrate', 1)] }),
      pod('sleepy', { statuses: [running('app', false)] }),
      pod('puller', { statuses: [waiting('app', 'ImagePullBackOff', 'Back-off pulling image')] }),
      pod('fine'),
    ];
    const plan = planLogs(pods, snapshotOf({ pods }));
    expect(plan.map((q) => [q.pod, q.container, q.previous])).toEqual([
      ['crash', 'app', true],
      ['job-x', 'migrate', false],
      ['sleepy', 'app', false],
    ]);
    expect(plan[0]).toMatchObject({ namespace: NS, tailLines: 100, limitBytes: 65536 });
  });

  it('reads at most two pods of one workload and puts the focused container first', () => {
    const owner = { kind: 'StatefulSet', name: 'db' };
    const pods = ['0', '1', '2'].map((i) =>
      pod(`db-${i}`, { owner, statuses: [crashLooping('sidecar'), crashLooping('postgres')] }),
    );
    const plan = planLogs(pods, snapshotOf({ pods }), { focusContainer: 'postgres' });
    expect(plan.map((q) => `${q.pod}/${q.container}`)).toEqual(['db-0/postgres', 'db-1/postgres']);
  });
});
