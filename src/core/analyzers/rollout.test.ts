import { describe, expect, it } from 'vitest';
import {
  badRollout,
  deployment,
  NS,
  pod,
  replicaSet,
  snapshotOf,
  template,
} from '../../../test/support/fixtures/index.ts';
import { analyzeRollouts } from './rollout.ts';

describe('analyzeRollouts', () => {
  it('correlates crashing new pods with the rollout, says what changed, and proposes a rollback', () => {
    const [finding, ...rest] = analyzeRollouts(badRollout());
    expect(rest).toEqual([]);
    expect(finding?.category).toBe('StuckRollout');
    expect(finding?.object).toBe(`Deployment/${NS}/web`);
    expect(finding?.summary).toContain(
      'revision 2 is failing: 1/1 new pods CrashLoopBackOff (last exit code 1, Error)',
    );
    expect(finding?.summary).toContain(
      'env DB_HOST of container "app": "db.payments.svc" → "db.payment.svc"',
    );
    expect(finding?.summary).toContain('revision 1 still serves 3 ready pods');
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        object: `ReplicaSet/${NS}/web-6c9a1e`,
        path: 'spec.template.spec.containers[app].env[DB_HOST]',
      }),
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        source: 'log',
        text: '2026-11-22T03:14:12.915Z FATAL could not connect to database after 5s',
      }),
    );
    expect(finding?.action).toMatchObject({
      action: 'rollback',
      target: `Deployment/${NS}/web`,
      params: { toRevision: 1, fromRevision: 2 },
      rationale: expect.stringContaining('env DB_HOST'),
    });
    expect(finding?.affected).toEqual([`ReplicaSet/${NS}/web-6c9a1e`, `Pod/${NS}/web-6c9a1e-x`]);
    expect(finding?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('stays quiet for a healthy rollout and for a Deployment with a single revision', () => {
    const v1 = template();
    const v2 = template({}, { app: 'web', version: '2' });
    const web = deployment('web', { revision: 2, template: v2 });
    const healthy = snapshotOf({
      deployments: [web, deployment('api')],
      replicaSets: [
        replicaSet('web-1', 'web', 1, v1, { replicas: 0, ready: 0 }),
        replicaSet('web-2', 'web', 2, v2, { replicas: 3, ready: 3 }),
      ],
      pods: [pod('web-2-a', { owner: { kind: 'ReplicaSet', name: 'web-2' } })],
    });
    expect(analyzeRollouts(healthy)).toEqual([]);
  });
});
