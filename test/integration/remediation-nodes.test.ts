import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually, testNamespace } from '../support/kube.ts';
import {
  type ActionHarness,
  executorFor,
  expectExactPermissions,
  request,
} from '../support/remediation.ts';

/**
 * cordon_node, uncordon_node and drain_node on nodes of this file's own
 * (kwok manages every Node object), tainted so that only this file's pods
 * land there: draining one of the 3 shared nodes would evict other files'
 * pods.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'remediate-nodes');
const harnesses = new Map<string, ActionHarness>();
const nodes: string[] = [];
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const taintKey = 'punchingfist.io/test';

afterAll(async () => {
  for (const h of harnesses.values()) await h.cleanup();
  for (const name of nodes) await k.core.deleteNode({ name }).catch(() => undefined);
});

async function harness(
  action: 'cordon_node' | 'uncordon_node' | 'drain_node',
): Promise<ActionHarness> {
  const known = harnesses.get(action);
  if (known !== undefined) return known;
  const h = await executorFor(k, ns, action);
  harnesses.set(action, h);
  return h;
}

async function ownNode(suffix: string): Promise<string> {
  const name = `${ns}-${suffix}`;
  const resources = { cpu: '32', memory: '256Gi', pods: '110' };
  await k.core.createNode({
    body: {
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: { 'kubernetes.io/hostname': name, type: 'kwok', 'punchingfist.io/test-pool': ns },
      },
      spec: { taints: [{ key: taintKey, value: ns, effect: 'NoSchedule' }] },
      status: { capacity: resources, allocatable: resources },
    },
  });
  nodes.push(name);
  // Ready, annotated by the TTL controller, and rid of the node lifecycle
  // controller's not-ready taint: every controller write a new node gets is
  // done (a later one would show in a dry run's diff or a before/after compare).
  await eventually(`${name} Ready and settled`, async () => {
    const node = await k.core.readNode({ name });
    const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const ttl = node.metadata?.annotations?.['node.alpha.kubernetes.io/ttl'] !== undefined;
    const ours = (node.spec?.taints ?? []).every((t) => t.key === taintKey);
    return ready === true && ttl && ours ? true : undefined;
  });
  return name;
}

function poolPod(labels: Record<string, string>): k8s.V1PodTemplateSpec {
  return {
    metadata: { labels },
    spec: {
      nodeSelector: { 'punchingfist.io/test-pool': ns },
      tolerations: [{ key: taintKey, operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{ name: 'app', image: 'registry.example/guarded:1.0' }],
    },
  };
}

async function podsOn(node: string): Promise<k8s.V1Pod[]> {
  const list = await k.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
  return list.items;
}

async function nodeSpec(name: string): Promise<unknown> {
  const node = await k.core.readNode({ name });
  return { spec: node.spec, annotations: node.metadata?.annotations };
}

describe('cordon_node and uncordon_node', () => {
  it('cordons once, uncordons once, each the undo of the other', async () => {
    const node = await ownNode('a');
    const target = `Node/${node}`;
    const cordon = await harness('cordon_node');
    const req = request('cordon-1', 'cordon_node', target);

    const dry = await cordon.executor.dryRun(req);
    expect(dry).toEqual({
      ok: true,
      summary: `cordon ${target}: spec.unschedulable false → true`,
      diff: 'spec.unschedulable: (unset) → true',
    });
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBeUndefined();

    const done = await cordon.executor.execute(req);
    expect(done).toEqual({
      ok: true,
      alreadyApplied: false,
      message: `cordon ${target}: spec.unschedulable false → true`,
      undo: { id: 'cordon-1-undo', action: 'uncordon_node', target, params: {} },
    });
    expect(await cordon.executor.verify(req, 10_000)).toEqual({
      ok: true,
      message: `${target} is unschedulable`,
    });
    const before = await nodeSpec(node);
    expect(await cordon.executor.execute(req)).toMatchObject({ ok: true, alreadyApplied: true });
    expect(await nodeSpec(node)).toEqual(before);
    expectExactPermissions('cordon_node', cordon.seen);

    const uncordon = await harness('uncordon_node');
    const back = request('uncordon-1', 'uncordon_node', target);
    expect(await uncordon.executor.dryRun(back)).toMatchObject({
      ok: true,
      diff: 'spec.unschedulable: true → (unset)',
    });
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBe(true);
    expect(await uncordon.executor.execute(back)).toMatchObject({
      ok: true,
      alreadyApplied: false,
      undo: { action: 'cordon_node', target },
    });
    expect(await uncordon.executor.verify(back, 10_000)).toMatchObject({ ok: true });
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBeUndefined();
    const after = await nodeSpec(node);
    expect(await uncordon.executor.execute(back)).toMatchObject({ ok: true, alreadyApplied: true });
    expect(await nodeSpec(node)).toEqual(after);

    const noop = await uncordon.executor.execute(request('uncordon-2', 'uncordon_node', target));
    expect(noop).toEqual({
      ok: true,
      alreadyApplied: false,
      message: `${target} is already schedulable; nothing changed`,
    });
    expectExactPermissions('uncordon_node', uncordon.seen);
  });
});

describe('drain_node', () => {
  it('cordons and evicts, honouring a PodDisruptionBudget and skipping DaemonSet pods', async () => {
    const node = nodes[0] ?? (await ownNode('a'));
    const target = `Node/${node}`;
    const drain = await harness('drain_node');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'guarded' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'guarded' } },
          template: poolPod({ app: 'guarded' }),
        },
      },
    });
    await k.apps.createNamespacedDaemonSet({
      namespace: ns,
      body: {
        metadata: { name: 'agent' },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: poolPod({ app: 'agent' }) },
      },
    });
    const policy = k.kc.makeApiClient(k8s.PolicyV1Api);
    await policy.createNamespacedPodDisruptionBudget({
      namespace: ns,
      body: {
        metadata: { name: 'guarded' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'guarded' } } },
      },
    });
    const ready = (p: k8s.V1Pod) =>
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    const initial = await eventually('2 guarded pods and the agent Ready on the node', async () => {
      const pods = (await podsOn(node)).filter(ready);
      return pods.length === 3 ? pods : undefined;
    });
    await eventually('the PodDisruptionBudget observed', async () => {
      const pdb = await policy.readNamespacedPodDisruptionBudget({
        name: 'guarded',
        namespace: ns,
      });
      return pdb.status?.currentHealthy === 2 ? true : undefined;
    });
    const guarded = initial
      .filter((p) => p.metadata?.labels?.app === 'guarded')
      .map((p) => `${ns}/${p.metadata?.name}`)
      .sort();
    const agent = initial.find((p) => p.metadata?.labels?.app === 'agent');
    const req = request('drain-1', 'drain_node', target);

    const dry = await drain.executor.dryRun(req);
    expect(dry.ok).toBe(true);
    expect(dry.summary).toContain(`cordon ${target}; would evict 0 pod(s)`);
    expect(dry.summary).toContain(
      `skips 1 DaemonSet/mirror pod(s): ${ns}/${agent?.metadata?.name}`,
    );
    for (const pod of guarded)
      expect(dry.summary).toContain(`blocked now by a PodDisruptionBudget: ${pod}`);
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBeUndefined();

    // The budget allows no disruption: the drain gives up after its timeout, naming the pods.
    const blocked = await drain.with({ drainTimeoutMs: 3000 }).execute(req);
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.message).toContain(
      `drain of ${target} incomplete: evicted 0 pod(s); the node stays cordoned`,
    );
    for (const pod of guarded)
      expect(!blocked.ok && blocked.message).toContain(`blocked by a PodDisruptionBudget: ${pod}`);
    const still = await podsOn(node);
    expect(still.filter((p) => p.metadata?.deletionTimestamp === undefined)).toHaveLength(3);
    expect((await k.core.readNode({ name: node })).spec?.unschedulable).toBe(true);

    // Room elsewhere and a budget that allows one at a time: the retried request finishes the drain.
    const spare = await ownNode('b');
    await policy.patchNamespacedPodDisruptionBudget(
      { name: 'guarded', namespace: ns, body: { spec: { minAvailable: 1 } } },
      merge,
    );
    const done = await drain.with({ drainTimeoutMs: 60_000 }).execute(req);
    expect(done).toEqual({
      ok: true,
      alreadyApplied: false,
      message: `drained ${target}: cordoned, evicted 2 pod(s)`,
      undo: { id: 'drain-1-undo', action: 'uncordon_node', target, params: {} },
    });
    expect(await drain.executor.verify(req, 30_000)).toEqual({
      ok: true,
      message: `${target} is cordoned and drained`,
    });
    const left = await podsOn(node);
    expect(left.map((p) => p.metadata?.uid)).toEqual([agent?.metadata?.uid]);
    const moved = await eventually('guarded pods Ready on the spare node', async () => {
      const pods = (await podsOn(spare)).filter(
        (p) => p.metadata?.labels?.app === 'guarded' && ready(p),
      );
      return pods.length === 2 ? pods : undefined;
    });
    expect(moved).toHaveLength(2);

    const before = await nodeSpec(node);
    expect(await drain.executor.execute(req)).toMatchObject({
      ok: true,
      alreadyApplied: true,
      undo: { action: 'uncordon_node' },
    });
    expect(await nodeSpec(node)).toEqual(before);
    expect(
      (await podsOn(spare)).filter((p) => p.metadata?.deletionTimestamp !== undefined),
    ).toEqual([]);
    expectExactPermissions('drain_node', drain.seen);
  });
});
