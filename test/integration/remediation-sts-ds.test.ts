import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ActionRequest } from '../../src/core/remediation/action-executor.ts';
import { actionCatalogue } from '../../src/core/remediation/catalogue.ts';
import { createNamespace, deleteNamespace, eventually, type Kube, kube } from '../support/kube.ts';
import {
  type ActionHarness,
  executorFor,
  expectExactPermissions,
  request,
} from '../support/remediation.ts';

/**
 * The workload actions on StatefulSets and DaemonSets against the real
 * cluster (kube-controller-manager runs their controllers; kwok's Stages
 * make the pods Ready), each as a user holding only the catalogue's RBAC:
 * a dry run changes nothing, execute changes the cluster once per request
 * id, verify waits for the rollout, and the undo restores the state before
 * (for a restart: the previous ControllerRevision's pods).
 */
const env = inject('testenv');
let k: Kube;
let ns: string;
const harnesses = new Map<string, ActionHarness>();
const restartedAt = 'kubectl.kubernetes.io/restartedAt';
const hashLabel = 'controller-revision-hash';

beforeAll(async () => {
  k = kube(env.KUBECONFIG);
  ns = await createNamespace(k, 'remediate-sts-ds');
});

afterAll(async () => {
  for (const h of harnesses.values()) await h.cleanup();
  await deleteNamespace(k, ns);
});

async function harness(action: Parameters<typeof executorFor>[2]): Promise<ActionHarness> {
  const known = harnesses.get(action);
  if (known !== undefined) return known;
  const h = await executorFor(k, ns, action);
  harnesses.set(action, h);
  return h;
}

const template = (app: string, resources?: k8s.V1ResourceRequirements) => ({
  metadata: { labels: { app } },
  spec: {
    containers: [
      {
        name: 'app',
        image: `registry.example/${app}:1.0`,
        ...(resources === undefined ? {} : { resources }),
      },
    ],
  },
});

async function statefulSet(name: string, replicas: number, resources?: k8s.V1ResourceRequirements) {
  await k.apps.createNamespacedStatefulSet({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        replicas,
        serviceName: name,
        selector: { matchLabels: { app: name } },
        template: template(name, resources),
      },
    },
  });
}

async function daemonSet(name: string, resources?: k8s.V1ResourceRequirements) {
  await k.apps.createNamespacedDaemonSet({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: template(name, resources),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3 } },
      },
    },
  });
}

type Workload = k8s.V1StatefulSet | k8s.V1DaemonSet;
const read = (kind: 'StatefulSet' | 'DaemonSet', name: string): Promise<Workload> =>
  kind === 'StatefulSet'
    ? k.apps.readNamespacedStatefulSet({ name, namespace: ns })
    : k.apps.readNamespacedDaemonSet({ name, namespace: ns });

async function livePods(app: string): Promise<k8s.V1Pod[]> {
  const pods = await k.core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
  return pods.items.filter((p) => p.metadata?.deletionTimestamp === undefined);
}

async function readyPods(app: string): Promise<k8s.V1Pod[]> {
  return (await livePods(app)).filter((p) =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

/** The workload's rollout as verify judges it, through the executor of `h`. */
async function settled(h: ActionHarness, req: ActionRequest): Promise<void> {
  expect(await h.executor.verify(req, 90_000)).toMatchObject({ ok: true });
}

/** Every live pod runs `revision` (the controller-revision-hash label) and is Ready. */
async function podsAt(app: string, count: number, revision: string): Promise<k8s.V1Pod[]> {
  return eventually(`${app}: ${count} pods Ready at ${revision}`, async () => {
    const live = await livePods(app);
    const ready = await readyPods(app);
    const all = live.length === count && ready.length === count;
    return all && live.every((p) => p.metadata?.labels?.[hashLabel] === revision)
      ? ready
      : undefined;
  });
}

const annotation = (w: Workload) => w.spec?.template.metadata?.annotations?.[restartedAt];
const revisionOf = (w: Workload) =>
  'updateRevision' in (w.status ?? {})
    ? (w as k8s.V1StatefulSet).status?.updateRevision
    : undefined;

async function daemonRevision(name: string): Promise<string> {
  const pods = await readyPods(name);
  return pods[0]?.metadata?.labels?.[hashLabel] ?? '';
}

async function restartAndUndo(kind: 'StatefulSet' | 'DaemonSet', name: string, count: number) {
  const h = await harness('rollout_restart');
  const target = `${kind}/${ns}/${name}`;
  const req = request(`rr-${name}`, 'rollout_restart', target);
  await settled(h, req);
  const start = await read(kind, name);
  const revision = revisionOf(start) ?? (await daemonRevision(name));
  const before = await podsAt(name, count, revision);

  const dry = await h.executor.dryRun(req);
  expect(dry.ok && dry.diff).toMatch(
    /^spec\.template\.metadata\.annotations\.kubectl\.kubernetes\.io\/restartedAt: \(unset\) → \d{4}-/m,
  );
  expect((await read(kind, name)).metadata?.generation).toBe(start.metadata?.generation);

  const first = await h.executor.execute(req);
  expect(first).toMatchObject({
    ok: true,
    alreadyApplied: false,
    undo: {
      id: `rr-${name}-undo`,
      action: 'rollout_restart',
      target,
      params: { restoreRestartedAt: null },
    },
  });
  await settled(h, req);
  const restarted = await read(kind, name);
  expect(annotation(restarted)).toMatch(/^\d{4}-/);
  const newRevision = revisionOf(restarted) ?? (await daemonRevision(name));
  expect(newRevision).not.toBe(revision);
  const after = await podsAt(name, count, newRevision);
  const old = new Set(before.map((p) => p.metadata?.uid));
  expect(after.some((p) => old.has(p.metadata?.uid))).toBe(false);

  const gen = restarted.metadata?.generation;
  expect(await h.executor.execute(req)).toMatchObject({
    ok: true,
    alreadyApplied: true,
    undo: { params: { restoreRestartedAt: null } },
  });
  expect((await read(kind, name)).metadata?.generation).toBe(gen);

  const undo = first.ok ? first.undo : undefined;
  if (undo === undefined) throw new Error('no undo');
  expect(await h.executor.execute(undo)).toMatchObject({
    ok: true,
    alreadyApplied: false,
    message: expect.stringContaining(`roll ${target} back to its pod template before the restart`),
  });
  await settled(h, undo);
  const undone = await read(kind, name);
  expect(annotation(undone)).toBeUndefined();
  // The previous ControllerRevision again: the pods roll back to the template before.
  await podsAt(name, count, revision);
  const undoneGen = undone.metadata?.generation;
  expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: true });
  expect((await read(kind, name)).metadata?.generation).toBe(undoneGen);
  expectExactPermissions('rollout_restart', h.seen);
}

async function setResourcesAndUndo(kind: 'StatefulSet' | 'DaemonSet', name: string, count: number) {
  const h = await harness('set_resources');
  const target = `${kind}/${ns}/${name}`;
  const req = request(`res-${name}`, 'set_resources', target, {
    container: 'app',
    limits: { memory: '256Mi' },
    requests: { memory: '96Mi' },
  });
  await settled(h, req);
  const start = await read(kind, name);

  const dry = await h.executor.dryRun(req);
  expect(dry).toEqual({
    ok: true,
    summary: `set_resources ${target} container "app": limits.memory (unset) → 256Mi, requests.memory 64Mi → 96Mi`,
    diff: expect.stringContaining(
      'spec.template.spec.containers[0].resources.limits.memory: (unset) → 256Mi',
    ),
  });
  expect((await read(kind, name)).metadata?.generation).toBe(start.metadata?.generation);

  const first = await h.executor.execute(req);
  expect(first).toMatchObject({
    ok: true,
    alreadyApplied: false,
    undo: {
      action: 'set_resources',
      params: { container: 'app', requests: { memory: '64Mi' }, unset: { limits: ['memory'] } },
    },
  });
  await settled(h, req);
  const ready = await eventually(`${name}: pods with the new limit`, async () => {
    const pods = await readyPods(name);
    const limits = pods.map((p) => p.spec?.containers[0]?.resources?.limits?.memory);
    return pods.length === count && limits.every((l) => l === '256Mi') ? pods : undefined;
  });
  expect(ready[0]?.spec?.containers[0]?.resources?.requests?.memory).toBe('96Mi');

  const gen = (await read(kind, name)).metadata?.generation;
  expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
  expect((await read(kind, name)).metadata?.generation).toBe(gen);

  const undo = first.ok ? first.undo : undefined;
  if (undo === undefined) throw new Error('no undo');
  expect(await h.executor.execute(undo)).toMatchObject({
    ok: true,
    alreadyApplied: false,
    message: `set_resources ${target} container "app": limits.memory 256Mi → (unset), requests.memory 96Mi → 64Mi`,
  });
  await settled(h, undo);
  const restored = (await read(kind, name)).spec?.template.spec?.containers[0]?.resources;
  expect(restored).toEqual({ requests: { memory: '64Mi' } });
  await eventually(`${name}: pods back without a limit`, async () => {
    const pods = await readyPods(name);
    return pods.length === count &&
      pods.every((p) => p.spec?.containers[0]?.resources?.limits?.memory === undefined)
      ? true
      : undefined;
  });
  expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: true });
  expectExactPermissions('set_resources', h.seen);
}

describe('a StatefulSet', () => {
  it('rollout_restart: restarts every pod once; the undo rolls them back to the previous revision', async () => {
    await statefulSet('ledger', 2);
    await restartAndUndo('StatefulSet', 'ledger', 2);
  });

  it('set_resources: sets a limit it did not have; the undo removes it again', async () => {
    await statefulSet('store', 2, { requests: { memory: '64Mi' } });
    await setResourcesAndUndo('StatefulSet', 'store', 2);
  });

  it('scale: scales once per request id and verifies; the undo restores the replicas', async () => {
    const h = await harness('scale');
    await statefulSet('shards', 1);
    const target = `StatefulSet/${ns}/shards`;
    const req = request('scale-shards', 'scale', target, { replicas: 3 });
    await settled(h, req);

    expect(await h.executor.dryRun(req)).toEqual({
      ok: true,
      summary: `scale ${target}: replicas 1 → 3`,
      diff: 'spec.replicas: 1 → 3',
    });
    expect(
      (await k.apps.readNamespacedStatefulSet({ name: 'shards', namespace: ns })).spec?.replicas,
    ).toBe(1);

    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { id: 'scale-shards-undo', action: 'scale', params: { replicas: 1 } },
    });
    await settled(h, req);
    expect((await readyPods('shards')).map((p) => p.metadata?.name).sort()).toEqual([
      'shards-0',
      'shards-1',
      'shards-2',
    ]);
    const gen = (await read('StatefulSet', 'shards')).metadata?.generation;
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect((await read('StatefulSet', 'shards')).metadata?.generation).toBe(gen);

    const undo = first.ok ? first.undo : undefined;
    if (undo === undefined) throw new Error('no undo');
    expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: false });
    await settled(h, undo);
    expect(
      (await k.apps.readNamespacedStatefulSet({ name: 'shards', namespace: ns })).spec?.replicas,
    ).toBe(1);
    await eventually('shards back to 1 pod', async () =>
      (await livePods('shards')).length === 1 ? true : undefined,
    );
    expectExactPermissions('scale', h.seen);
  });
});

describe('a Deployment', () => {
  it('rollout_restart: the undo (the same annotation restore) brings back the previous ReplicaSet', async () => {
    const h = await harness('rollout_restart');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'front' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'front' } },
          template: template('front'),
        },
      },
    });
    const target = `Deployment/${ns}/front`;
    const req = request('rr-front', 'rollout_restart', target);
    await settled(h, req);
    const hashOf = async () => {
      const pods = await readyPods('front');
      const hashes = new Set(pods.map((p) => p.metadata?.labels?.['pod-template-hash']));
      return pods.length === 2 && (await livePods('front')).length === 2 && hashes.size === 1
        ? [...hashes][0]
        : undefined;
    };
    const before = await eventually('front Ready', hashOf);
    const first = await h.executor.execute(req);
    expect(first).toMatchObject({
      ok: true,
      undo: { action: 'rollout_restart', params: { restoreRestartedAt: null } },
    });
    await settled(h, req);
    const restarted = await eventually('front restarted', async () => {
      const hash = await hashOf();
      return hash !== undefined && hash !== before ? hash : undefined;
    });
    expect(restarted).not.toBe(before);
    const undo = first.ok ? first.undo : undefined;
    if (undo === undefined) throw new Error('no undo');
    expect(await h.executor.execute(undo)).toMatchObject({ ok: true, alreadyApplied: false });
    await settled(h, undo);
    await eventually('front back on the previous ReplicaSet', async () =>
      (await hashOf()) === before ? true : undefined,
    );
    const d = await k.apps.readNamespacedDeployment({ name: 'front', namespace: ns });
    expect(d.spec?.template.metadata?.annotations?.[restartedAt]).toBeUndefined();
  });
});

describe('a DaemonSet', () => {
  let nodes = 0;
  beforeAll(async () => {
    await daemonSet('collector');
    await daemonSet('shipper', { requests: { memory: '64Mi' } });
    await daemonSet('probe');
    const ds = await eventually('collector scheduled', async () => {
      const d = await k.apps.readNamespacedDaemonSet({ name: 'collector', namespace: ns });
      return (d.status?.desiredNumberScheduled ?? 0) > 0 ? d : undefined;
    });
    nodes = ds.status?.desiredNumberScheduled ?? 0;
  });

  it('rollout_restart: restarts every pod once; the undo rolls them back to the previous revision', async () => {
    await restartAndUndo('DaemonSet', 'collector', nodes);
  });

  it('set_resources: sets a limit it did not have; the undo removes it again', async () => {
    await setResourcesAndUndo('DaemonSet', 'shipper', nodes);
  });

  it('restart_pod: deletes one DaemonSet pod once; the controller replaces it on its node', async () => {
    const h = await harness('restart_pod');
    const [victim] = await eventually('probe pods Ready', async () => {
      const pods = await readyPods('probe');
      return pods.length === nodes ? pods : undefined;
    });
    const name = victim?.metadata?.name ?? '';
    const node = victim?.spec?.nodeName;
    const req = request('rp-probe', 'restart_pod', `Pod/${ns}/${name}`);

    const dry = await h.executor.dryRun(req);
    expect(dry).toMatchObject({
      ok: true,
      summary: expect.stringMatching(/^would delete Pod\/.*; DaemonSet\//),
    });
    const still = await k.core.readNamespacedPod({ name, namespace: ns });
    expect(still.metadata?.deletionTimestamp).toBeUndefined();

    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: false });
    expect(await h.executor.verify(req, 90_000)).toMatchObject({ ok: true });
    const now = await eventually('probe replaced', async () => {
      const pods = await readyPods('probe');
      return pods.length === nodes && !pods.some((p) => p.metadata?.name === name)
        ? pods
        : undefined;
    });
    expect(now.filter((p) => p.spec?.nodeName === node)).toHaveLength(1);

    const uids = now.map((p) => p.metadata?.uid).sort();
    expect(await h.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect((await livePods('probe')).map((p) => p.metadata?.uid).sort()).toEqual(uids);
    for (const used of h.seen) expect(actionCatalogue.restart_pod.rbac).toContain(used);
    expect(h.seen).toContain('patch daemonsets (apps)');
  });
});
