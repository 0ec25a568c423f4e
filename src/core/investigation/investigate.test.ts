import { describe, expect, it } from 'vitest';
import { fakeCluster, forbidden } from '../../../test/support/fake-cluster.ts';
import {
  badRollout,
  crashLog,
  endpointSlice,
  NS,
  node,
  pod,
  service,
  snapshotOf,
} from '../../../test/support/fixtures/index.ts';
import type { Clock } from '../ports.ts';
import { investigate } from './investigate.ts';
import type { ProgressEvent } from './progress.ts';
import { reportSchema } from './report.ts';

function ticking(stepMs = 5): Clock {
  let t = Date.parse('2026-11-22T03:20:00Z');
  return {
    now: () => {
      t += stepMs;
      return new Date(t);
    },
  };
}

function world() {
  const { logs: _gathered, ...objects } = badRollout();
  return {
    objects: { ...objects, logs: [], nodes: [node('node-1')] },
    logs: { [`${NS}/web-6c9a1e-x/app/previous`]: crashLog.join('\n') },
  };
}

describe('investigate', () => {
  it('names the bad rollout as the root cause of the crash loop, with one rollback proposal', async () => {
    const cluster = fakeCluster(world());
    const result = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Deployment', name: 'web', namespace: NS },
    );
    if (!result.ok) throw new Error(result.message);
    const { report } = result;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.target).toBe(`Deployment/${NS}/web`);
    expect(report.findings.map((f) => [f.category, f.object, f.explainedBy])).toEqual([
      ['StuckRollout', `Deployment/${NS}/web`, undefined],
      ['CrashLoopBackOff', `Deployment/${NS}/web`, `StuckRollout:Deployment/${NS}/web`],
    ]);
    expect(report.rootCause).toContain(
      'env DB_HOST of container "app": "db.payments.svc" → "db.payment.svc"',
    );
    expect(report.proposals).toEqual([
      expect.objectContaining({
        action: 'rollback',
        target: `Deployment/${NS}/web`,
        params: { toRevision: 1, fromRevision: 2 },
      }),
    ]);
    expect(report.findings[1]?.evidence).toContainEqual(
      expect.objectContaining({ source: 'log', text: crashLog[3] }),
    );
    expect(report.partial).toBe(false);
    expect(report.confidence).toBeGreaterThanOrEqual(0.9);
    expect(cluster.calls).toContain(`logs ${NS}/web-6c9a1e-x/app/previous`);
  });

  it('reaches the same root cause from one crashing pod, and by bare name', async () => {
    const cluster = fakeCluster(world());
    const fromPod = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Pod', name: 'web-6c9a1e-x', namespace: NS },
    );
    const byName = await investigate(
      { cluster, clock: ticking() },
      { by: 'name', name: 'web', namespace: NS },
    );
    for (const result of [fromPod, byName]) {
      expect(result.ok && result.report.findings[0]?.category).toBe('StuckRollout');
    }
    expect(byName.ok && byName.report.warnings).toEqual([
      `"web" also names Service/${NS}/web; investigated Deployment/${NS}/web`,
    ]);
  });

  it('leaves out findings about unrelated objects', async () => {
    const { objects, logs } = world();
    const stranger = service('billing', { app: 'billing-api' });
    const cluster = fakeCluster({
      objects: {
        ...objects,
        services: [...objects.services, stranger],
        endpointSlices: [...objects.endpointSlices, endpointSlice('billing', [])],
      },
      logs,
    });
    const result = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Deployment', name: 'web', namespace: NS },
    );
    expect(result.ok && result.report.findings.map((f) => f.object)).not.toContain(
      `Service/${NS}/billing`,
    );
    const scoped = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Namespace', name: NS, namespace: '' },
    );
    expect(scoped.ok && scoped.report.findings.map((f) => f.object)).toContain(
      `Service/${NS}/billing`,
    );
  });

  it('marks the report partial, with a warning, when a list is forbidden, and still answers', async () => {
    const cluster = fakeCluster({
      ...world(),
      failing: {
        HorizontalPodAutoscaler: forbidden('horizontalpodautoscalers'),
        logs: forbidden('pods/log'),
      },
    });
    const result = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Deployment', name: 'web', namespace: NS },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.report.partial).toBe(true);
    expect(result.report.warnings).toEqual([
      `could not read HorizontalPodAutoscalers in ${NS}: horizontalpodautoscalers is forbidden`,
      `could not read logs of ${NS}/web-6c9a1e-x (app, previous): pods/log is forbidden`,
    ]);
    expect(result.report.findings[0]?.category).toBe('StuckRollout');
    expect(result.report.confidence).toBeLessThan(0.8);
  });

  it('says nothing is wrong with a healthy target, and not_found for a missing one', async () => {
    const cluster = fakeCluster({ objects: snapshotOf({ pods: [pod('lonely')] }) });
    const healthy = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Pod', name: 'lonely', namespace: NS },
    );
    expect(healthy.ok && healthy.report).toMatchObject({
      rootCause: null,
      findings: [],
      proposals: [],
      summary: expect.stringContaining('no problems found'),
    });
    const missing = await investigate(
      { cluster, clock: ticking() },
      { by: 'ref', kind: 'Deployment', name: 'ghost', namespace: NS },
    );
    expect(missing).toEqual({
      ok: false,
      reason: 'not_found',
      message: `nothing found for Deployment/${NS}/ghost`,
    });
  });

  it('reports each step as it starts and ends', async () => {
    const events: ProgressEvent[] = [];
    const result = await investigate(
      { cluster: fakeCluster(world()), clock: ticking(), onProgress: (e) => events.push(e) },
      {
        by: 'labels',
        labels: {
          alertname: 'KubePodCrashLooping',
          namespace: NS,
          pod: 'web-6c9a1e-x',
          container: 'app',
        },
      },
    );
    expect(result.ok && result.report.durationMs).toBeGreaterThan(0);
    expect(events.map((e) => `${e.step}:${e.phase}`)).toEqual([
      'resolve:start',
      'resolve:done',
      'gather:start',
      'gather:done',
      'details:start',
      'details:done',
      'analyze:start',
      'analyze:done',
      'rank:start',
      'rank:done',
    ]);
    expect(events[1]).toMatchObject({ detail: `Pod/${NS}/web-6c9a1e-x` });
  });
});
