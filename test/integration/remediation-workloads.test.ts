import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually, podSpec, testNamespace } from '../support/kube.ts';
import {
  type ActionHarness,
  deployment,
  executorFor,
  expectExactPermissions,
  request,
  rolledOut,
} from '../support/remediation.ts';

/**
 * The workload actions of the remediation executor against the real
 * cluster, each run as a user holding only the catalogue's RBAC for it:
 * a dry run changes nothing, execute changes the cluster once per request
 * id, verify waits for the rollout, and the undo restores the state before.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'remediate-workloads');
const harnesses = new Map<string, ActionHarness>();
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

afterAll(async () => {
  for (const h of harnesses.values()) await h.cleanup();
});

async function harness(action: Parameters<typeof executorFor>[2]): Promise<ActionHarness> {
  const known = harnesses.get(action);
  if (known !== undefined) return known;
  const h = await executorFor(k, ns, action);
  harnesses.set(action, h);
  return h;
}

async function generation(name: string): Promise<number | undefined> {
  const d = await k.apps.readNamespacedDeployment({ name, namespace: ns });
  return d.metadata?.generation;
}

async function readyPods(app: string): Promise<k8s.V1Pod[]> {
  const pods = await k.core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
  return pods.items.filter(
    (p) =>
      p.metadata?.deletionTimestamp === undefined &&
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

describe('rollback', () => {
  it('rolls a Deployment stuck on a crash-looping template back to the previous revision; its pods become Ready', async () => {
    const h = await harness('rollback');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', 3) });
    await rolledOut(k, ns, 'web');
    await k.apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: ns,
        body: {
          spec: {
            template: {
              metadata: { labels: { 'sim.punchingfist.io/fault': 'crashloop' } },
              spec: { containers: [{ name: 'app', image: 'registry.example/web:2.0' }] },
            },
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    await eventually('the bad revision crash-looping', async () => {
      const pods = await k.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
      return pods.items.some((p) =>
        p.status?.containerStatuses?.some((c) => (c.restartCount ?? 0) > 0),
      )
        ? true
        : undefined;
    });
    const req = request('rb-1', 'rollback', `Deployment/${ns}/web`, { fromRevision: 2 });
    const gen = await generation('web');

    const dry = await h.executor.dryRun(req);
    expect(dry).toMatchObject({
      ok: true,
      summary: `roll back Deployment/${ns}/web from revision 2 to revision 1`,
    });
    expect(dry.ok && dry.diff).toContain(
      'spec.template.metadata.labels.sim.punchingfist.io/fault: crashloop → (unset)',
    );
    expect(dry.ok && dry.diff).toContain(
      'spec.template.spec.containers[0].image: registry.example/web:2.0 → registry.example/web:1.0',
    );
    expect(await generation('web')).toBe(gen);

    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { action: 'rollback', target: `Deployment/${ns}/web`, params: { toRevision: 2 } },
    });
    const verified = await h.executor.verify(req, 90_000);
    expect(verified).toMatchObject({ ok: true });
    const d = await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    expect(d.spec?.template?.spec?.containers[0]?.image).toBe('registry.example/web:1.0');
    expect(d.spec?.template?.metadata?.labels?.['sim.punchingfist.io/fault']).toBeUndefined();
    const ready = await readyPods('web');
    expect(ready).toHaveLength(3);
    expect(ready.every((p) => p.spec?.containers[0]?.image === 'registry.example/web:1.0')).toBe(
      true,
    );

    const gen2 = await generation('web');
    const again = await h.executor.execute(req);
    expect(again).toMatchObject({
      ok: true,
      alreadyApplied: true,
      undo: { params: { toRevision: 2 } },
    });
    expect(await generation('web')).toBe(gen2);
    expectExactPermissions('rollback', h.seen);
  });

  it('refuses when the Deployment moved on from the revision the proposal saw', async () => {
    const h = await harness('rollback');
    const stale = request('rb-stale', 'rollback', `Deployment/${ns}/web`, { fromRevision: 2 });
    const result = await h.executor.execute(stale);
    expect(result).toEqual({
      ok: false,
      message: `Deployment/${ns}/web is at revision 3 now, not 2 as when this was proposed; propose again`,
    });
  });
});

describe('a paused Deployment', () => {
  it('is neither restarted nor rolled back, as kubectl refuses to', async () => {
    const restart = await harness('rollout_restart');
    const rollback = await harness('rollback');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('held', 1) });
    await rolledOut(k, ns, 'held');
    await k.apps.patchNamespacedDeployment(
      { name: 'held', namespace: ns, body: { spec: { paused: true } } },
      merge,
    );
    const target = `Deployment/${ns}/held`;
    const refusal = `${target} is paused; resume its rollout first (kubectl rollout resume)`;
    const gen = await generation('held');
    expect(await restart.executor.dryRun(request('held-1', 'rollout_restart', target))).toEqual({
      ok: false,
      summary: refusal,
    });
    expect(await restart.executor.execute(request('held-1', 'rollout_restart', target))).toEqual({
      ok: false,
      message: refusal,
    });
    expect(await rollback.executor.execute(request('held-2', 'rollback', target))).toEqual({
      ok: false,
      message: refusal,
    });
    expect(await generation('held')).toBe(gen);
  });
});

describe('scale', () => {
  it('scales a Deployment once per request id and verifies the replicas Ready', async () => {
    const h = await harness('scale');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('api', 1) });
    await rolledOut(k, ns, 'api');
    const req = request('scale-1', 'scale', `Deployment/${ns}/api`, { replicas: 3 });

    const dry = await h.executor.dryRun(req);
    expect(dry).toEqual({
      ok: true,
      summary: `scale Deployment/${ns}/api: replicas 1 → 3`,
      diff: 'spec.replicas: 1 → 3',
    });
    const unchanged = await k.apps.readNamespacedDeployment({ name: 'api', namespace: ns });
    expect(unchanged.spec?.replicas).toBe(1);

    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { id: 'scale-1-undo', action: 'scale', params: { replicas: 1 } },
    });
    expect(await h.executor.verify(req, 60_000)).toMatchObject({ ok: true });
    expect(await readyPods('api')).toHaveLength(3);

    // Someone scales it by hand; the retried job must not scale it back.
    await k.apps.patchNamespacedDeployment(
      { name: 'api', namespace: ns, body: { spec: { replicas: 2 } } },
      merge,
    );
    const again = await h.executor.execute(req);
    expect(again).toMatchObject({
      ok: true,
      alreadyApplied: true,
      undo: { params: { replicas: 1 } },
    });
    const d = await k.apps.readNamespacedDeployment({ name: 'api', namespace: ns });
    expect(d.spec?.replicas).toBe(2);
    expectExactPermissions('scale', h.seen);
  });

  it('changes the cluster once when two workers execute the same request at the same time', async () => {
    const h = await harness('scale');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('twice', 1) });
    await rolledOut(k, ns, 'twice');
    const req = request('scale-twice', 'scale', `Deployment/${ns}/twice`, { replicas: 2 });
    const other = h.with({});
    const results = await Promise.all([h.executor.execute(req), other.execute(req)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results.map((r) => r.ok && r.alreadyApplied).sort()).toEqual([false, true]);
    expect(results.map((r) => r.ok && r.undo?.params)).toEqual([{ replicas: 1 }, { replicas: 1 }]);
    const d = await k.apps.readNamespacedDeployment({ name: 'twice', namespace: ns });
    expect(d.spec?.replicas).toBe(2);
    expect(d.metadata?.generation).toBe(2);
  });

  it('reports a verify timeout when the new replicas never become Ready, and its undo restores the replicas', async () => {
    const h = await harness('scale');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('crashy', 1, { fault: 'crashloop' }),
    });
    const req = request('scale-crashy', 'scale', `Deployment/${ns}/crashy`, { replicas: 3 });
    const done = await h.executor.execute(req);
    expect(done.ok).toBe(true);
    const verified = await h.executor.verify(req, 4000);
    expect(verified).toMatchObject({ ok: false, timedOut: true });
    expect(verified.message).toMatch(/not verified within 4s: \d of 3 updated replicas available/);

    const undo = done.ok ? done.undo : undefined;
    expect(undo).toEqual({
      id: 'scale-crashy-undo',
      action: 'scale',
      target: `Deployment/${ns}/crashy`,
      params: { replicas: 1 },
    });
    if (undo === undefined) return;
    expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: false });
    const d = await k.apps.readNamespacedDeployment({ name: 'crashy', namespace: ns });
    expect(d.spec?.replicas).toBe(1);
    await eventually('crashy back to 1 pod', async () => {
      const pods = await k.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=crashy' });
      const live = pods.items.filter((p) => p.metadata?.deletionTimestamp === undefined);
      return live.length === 1 ? true : undefined;
    });
  });
});

describe('set_resources', () => {
  it('raises a container memory limit through a rollout, with the previous limit as its undo', async () => {
    const h = await harness('set_resources');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('mem', 2, {
        resources: { limits: { memory: '128Mi' }, requests: { memory: '64Mi' } },
      }),
    });
    await rolledOut(k, ns, 'mem');
    const target = `Deployment/${ns}/mem`;
    const req = request('res-1', 'set_resources', target, {
      container: 'app',
      limits: { memory: '256Mi' },
    });

    const dry = await h.executor.dryRun(req);
    expect(dry).toEqual({
      ok: true,
      summary: `set_resources ${target} container "app": limits.memory 128Mi → 256Mi`,
      diff: 'spec.template.spec.containers[0].resources.limits.memory: 128Mi → 256Mi',
    });
    const gen = await generation('mem');
    expect(gen).toBe(1);

    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { action: 'set_resources', params: { container: 'app', limits: { memory: '128Mi' } } },
    });
    expect(await h.executor.verify(req, 60_000)).toMatchObject({ ok: true });
    const ready = await readyPods('mem');
    expect(ready).toHaveLength(2);
    expect(ready.map((p) => p.spec?.containers[0]?.resources?.limits?.memory)).toEqual([
      '256Mi',
      '256Mi',
    ]);
    expect(ready[0]?.spec?.containers[0]?.resources?.requests?.memory).toBe('64Mi');

    const gen2 = await generation('mem');
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect(await generation('mem')).toBe(gen2);

    const missing = request('res-2', 'set_resources', target, {
      container: 'sidecar',
      limits: { cpu: '1' },
    });
    expect(await h.executor.execute(missing)).toEqual({
      ok: false,
      message: `${target} has no container "sidecar" (it has: app)`,
    });
    expectExactPermissions('set_resources', h.seen);
  });
});

describe('rollout_restart', () => {
  it('restarts every pod through a rollout; the undo puts the template back as it was (the revision before)', async () => {
    const h = await harness('rollout_restart');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('cache', 2) });
    await rolledOut(k, ns, 'cache');
    const before = new Set((await readyPods('cache')).map((p) => p.metadata?.uid));
    const req = request('rr-1', 'rollout_restart', `Deployment/${ns}/cache`);

    const dry = await h.executor.dryRun(req);
    expect(dry.ok && dry.diff).toMatch(
      /^spec\.template\.metadata\.annotations\.kubectl\.kubernetes\.io\/restartedAt: \(unset\) → \d{4}-/,
    );
    expect(await generation('cache')).toBe(1);

    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { action: 'rollout_restart', params: { restoreRestartedAt: null } },
    });
    expect(await h.executor.verify(req, 60_000)).toMatchObject({ ok: true });
    const after = await readyPods('cache');
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.has(p.metadata?.uid))).toBe(false);

    const gen = await generation('cache');
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect(await generation('cache')).toBe(gen);
    expectExactPermissions('rollout_restart', h.seen);
  });
});

describe('restart_pod', () => {
  it('deletes one pod of a ReplicaSet once; its controller replaces it', async () => {
    const h = await harness('restart_pod');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('queue', 2) });
    await rolledOut(k, ns, 'queue');
    const [victim, other] = await readyPods('queue');
    const name = victim?.metadata?.name ?? '';
    const req = request('rp-1', 'restart_pod', `Pod/${ns}/${name}`);

    const dry = await h.executor.dryRun(req);
    expect(dry).toMatchObject({
      ok: true,
      summary: expect.stringMatching(/^would delete Pod\/.*; ReplicaSet\//),
    });
    const still = await k.core.readNamespacedPod({ name, namespace: ns });
    expect(still.metadata?.deletionTimestamp).toBeUndefined();

    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: false });
    expect(await h.executor.verify(req, 60_000)).toMatchObject({ ok: true });
    const now = await readyPods('queue');
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata?.name)).not.toContain(name);
    expect(now.map((p) => p.metadata?.uid)).toContain(other?.metadata?.uid);

    const again = await h.executor.execute(req);
    expect(again).toMatchObject({ ok: true, alreadyApplied: true });
    const uids = (await readyPods('queue')).map((p) => p.metadata?.uid).sort();
    expect(uids).toEqual(now.map((p) => p.metadata?.uid).sort());
  });

  it('deletes a StatefulSet pod once, though its replacement comes back under the same name', async () => {
    const h = await harness('restart_pod');
    await k.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: 'db' },
        spec: {
          replicas: 1,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: podSpec('registry.example/db:1.0'),
          },
        },
      },
    });
    const old = await eventually('db-0 Ready', async () =>
      (await readyPods('db')).find((p) => p.metadata?.name === 'db-0'),
    );
    const req = request('rp-db', 'restart_pod', `Pod/${ns}/db-0`);
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: false });
    expect(await h.executor.verify(req, 60_000)).toMatchObject({ ok: true });
    const fresh = await k.core.readNamespacedPod({ name: 'db-0', namespace: ns });
    expect(fresh.metadata?.uid).not.toBe(old.metadata?.uid);

    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    const same = await k.core.readNamespacedPod({ name: 'db-0', namespace: ns });
    expect(same.metadata?.uid).toBe(fresh.metadata?.uid);
    expect(same.metadata?.deletionTimestamp).toBeUndefined();
    expectExactPermissions('restart_pod', h.seen);
  });

  it('refuses a bare pod, which nothing would recreate', async () => {
    const h = await harness('restart_pod');
    await k.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'lonely' }, spec: podSpec('registry.example/lonely:1.0') },
    });
    const req = request('rp-bare', 'restart_pod', `Pod/${ns}/lonely`);
    expect(await h.executor.dryRun(req)).toEqual({
      ok: false,
      summary: 'lonely is a bare pod: nothing would recreate it, so it is not deleted',
    });
    expect(await h.executor.execute(req)).toMatchObject({ ok: false });
    const pod = await k.core.readNamespacedPod({ name: 'lonely', namespace: ns });
    expect(pod.metadata?.deletionTimestamp).toBeUndefined();
  });
});
