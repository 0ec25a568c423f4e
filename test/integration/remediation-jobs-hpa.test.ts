import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rerunName } from '../../src/adapters/kube/actions/job-actions.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import {
  type ActionHarness,
  deployment,
  executorFor,
  expectExactPermissions,
  request,
} from '../support/remediation.ts';
import { failingJob } from '../support/scenario-objects.ts';

/** update_hpa, delete_job and rerun_job against the real cluster. */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'remediate-jobs');
let autoscaling: k8s.AutoscalingV2Api;
const harnesses = new Map<string, ActionHarness>();

beforeAll(async () => {
  autoscaling = k.kc.makeApiClient(k8s.AutoscalingV2Api);
});

afterAll(async () => {
  for (const h of harnesses.values()) await h.cleanup();
});

async function harness(action: 'update_hpa' | 'delete_job' | 'rerun_job'): Promise<ActionHarness> {
  const known = harnesses.get(action);
  if (known !== undefined) return known;
  const h = await executorFor(k, ns, action);
  harnesses.set(action, h);
  return h;
}

/** The bounds, and the id of the last request that changed them. */
async function hpaSpec(
  name: string,
): Promise<{ min?: number; max: number | undefined; by?: string }> {
  const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace: ns });
  const mark = hpa.metadata?.annotations?.['punchingfist.io/last-action'];
  return {
    ...(hpa.spec?.minReplicas === undefined ? {} : { min: hpa.spec.minReplicas }),
    max: hpa.spec?.maxReplicas,
    ...(mark === undefined ? {} : { by: (JSON.parse(mark) as { id: string }).id }),
  };
}

async function job(name: string): Promise<k8s.V1Job | undefined> {
  return k.batch.readNamespacedJob({ name, namespace: ns }).catch(() => undefined);
}

function succeedingJob(name: string): k8s.V1Job {
  return {
    metadata: { name, labels: { team: 'data' } },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: { team: 'data' } },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'app', image: `registry.example/${name}:1.0` }],
        },
      },
    },
  };
}

describe('update_hpa', () => {
  it("raises an HPA's max once; the undo brings the previous max back", async () => {
    const h = await harness('update_hpa');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('front', 1) });
    await autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name: 'front' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'front' },
          minReplicas: 1,
          maxReplicas: 3,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
            },
          ],
        },
      },
    });
    const target = `HorizontalPodAutoscaler/${ns}/front`;
    const req = request('hpa-1', 'update_hpa', target, { maxReplicas: 6 });

    const dry = await h.executor.dryRun(req);
    expect(dry).toEqual({
      ok: true,
      summary: `update_hpa ${target}: maxReplicas 3 → 6`,
      diff: 'spec.maxReplicas: 3 → 6',
    });
    expect(await hpaSpec('front')).toEqual({ min: 1, max: 3 });

    const done = await h.executor.execute(req);
    expect(done).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { id: 'hpa-1-undo', action: 'update_hpa', target, params: { maxReplicas: 3 } },
    });
    expect(await h.executor.verify(req, 10_000)).toEqual({
      ok: true,
      message: `${target} scales 1..6`,
    });
    expect(await hpaSpec('front')).toEqual({ min: 1, max: 6, by: 'hpa-1' });

    // A rewrite would stamp a new time into the mark; the repeat leaves it as it was.
    const mark = async () =>
      (await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'front', namespace: ns }))
        .metadata?.annotations?.['punchingfist.io/last-action'];
    const first = await mark();
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect(await mark()).toBe(first);
    expect(await hpaSpec('front')).toEqual({ min: 1, max: 6, by: 'hpa-1' });

    const undo = done.ok ? done.undo : undefined;
    if (undo === undefined) throw new Error('no undo');
    expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: false });
    expect(await h.executor.verify(undo, 10_000)).toMatchObject({ ok: true });
    expect(await hpaSpec('front')).toEqual({ min: 1, max: 3, by: 'hpa-1-undo' });

    const bad = request('hpa-2', 'update_hpa', target, { minReplicas: 5 });
    expect(await h.executor.execute(bad)).toEqual({
      ok: false,
      message: 'minReplicas 5 would be above maxReplicas 3',
    });
    expectExactPermissions('update_hpa', h.seen);
  });
});

describe('rerun_job', () => {
  it('runs a failed Job again from its spec, once; verify reports that the new one failed too', async () => {
    const h = await harness('rerun_job');
    await k.batch.createNamespacedJob({
      namespace: ns,
      body: failingJob('nightly', 'crashloop-db'),
    });
    const failed = await eventually('nightly failed', async () => {
      const j = await job('nightly');
      return j?.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')
        ? j
        : undefined;
    });
    // A label put on the Job after it ran is carried over to the new one.
    await k.batch.patchNamespacedJob(
      {
        name: 'nightly',
        namespace: ns,
        body: { metadata: { labels: { 'sim.punchingfist.io/retry': 'yes' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const target = `Job/${ns}/nightly`;
    const req = request('rerun-1', 'rerun_job', target);
    const fresh = rerunName('nightly', 'rerun-1');

    const dry = await h.executor.dryRun(req);
    expect(dry).toMatchObject({
      ok: true,
      summary: `would create Job/${ns}/${fresh} from the spec of ${target}, then delete ${target} and its pods`,
    });
    expect(await job(fresh)).toBeUndefined();
    expect((await job('nightly'))?.metadata?.uid).toBe(failed.metadata?.uid);

    expect(await h.executor.execute(req)).toEqual({
      ok: true,
      alreadyApplied: false,
      message: `created Job/${ns}/${fresh} from ${target} and deleted the old Job`,
    });
    const created = await job(fresh);
    expect(created?.spec?.template.metadata?.labels?.['sim.punchingfist.io/fault']).toBe('failed');
    expect(created?.metadata?.labels?.['sim.punchingfist.io/retry']).toBe('yes');
    expect(created?.metadata?.labels?.['controller-uid']).not.toBe(
      failed.metadata?.labels?.['controller-uid'],
    );
    await eventually('the old Job gone', async () =>
      (await job('nightly')) === undefined ? true : undefined,
    );

    // Its template still fails: verify says so instead of waiting out the timeout.
    const verified = await h.executor.verify(req, 60_000);
    expect(verified).toMatchObject({ ok: false, timedOut: false });
    expect(verified.message).toContain(`Job/${ns}/${fresh} failed`);

    const uid = created?.metadata?.uid;
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect((await job(fresh))?.metadata?.uid).toBe(uid);
    const all = await k.batch.listNamespacedJob({ namespace: ns });
    expect(all.items.map((j) => j.metadata?.name)).toEqual([fresh]);
    expectExactPermissions('rerun_job', h.seen);
  });

  it('verifies a rerun Job to completion', async () => {
    const h = await harness('rerun_job');
    await k.batch.createNamespacedJob({ namespace: ns, body: succeedingJob('report') });
    await eventually('report complete', async () => {
      const j = await job('report');
      return j?.status?.succeeded === 1 ? true : undefined;
    });
    const req = request('rerun-2', 'rerun_job', `Job/${ns}/report`);
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: false });
    expect(await h.executor.verify(req, 60_000)).toEqual({
      ok: true,
      message: `Job/${ns}/${rerunName('report', 'rerun-2')} completed`,
    });
  });
});

describe('delete_job', () => {
  it('deletes a Job and its pods once', async () => {
    const h = await harness('delete_job');
    await k.batch.createNamespacedJob({ namespace: ns, body: succeedingJob('cleanup') });
    await eventually('cleanup has a pod', async () => {
      const pods = await k.core.listNamespacedPod({
        namespace: ns,
        labelSelector: 'job-name=cleanup',
      });
      return pods.items.length > 0 ? true : undefined;
    });
    const target = `Job/${ns}/cleanup`;
    const req = request('del-1', 'delete_job', target);

    expect(await h.executor.dryRun(req)).toEqual({
      ok: true,
      summary: `would delete ${target} and its pods`,
      diff: `${target}: exists → deleted`,
    });
    expect(await job('cleanup')).toBeDefined();

    expect(await h.executor.execute(req)).toEqual({
      ok: true,
      alreadyApplied: false,
      message: `deleted ${target} and its pods`,
    });
    expect(await h.executor.verify(req, 30_000)).toEqual({
      ok: true,
      message: `${target} is gone`,
    });
    await eventually('its pods gone', async () => {
      const pods = await k.core.listNamespacedPod({
        namespace: ns,
        labelSelector: 'job-name=cleanup',
      });
      return pods.items.length === 0 ? true : undefined;
    });
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expectExactPermissions('delete_job', h.seen);
  });
});
