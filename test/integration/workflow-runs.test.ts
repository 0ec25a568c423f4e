import * as k8s from '@kubernetes/client-node';
import { pino } from 'pino';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { createLeaderElector } from '../../src/controllers/leader-election.ts';
import { createRunCleaner } from '../../src/controllers/run-cleaner.ts';
import { createRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource, type Workflow } from '../../src/core/resources/index.ts';
import type { RunStore } from '../../src/core/run-store.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/** WorkflowRuns on the real API server: owner references, status, TTL cleanup by the Lease holder only. */
const env = inject('testenv');
const group = 'punchingfist.io';
const version = 'v1alpha1';
const { k, ns } = testNamespace(env.KUBECONFIG, 'runs');
let store: RunStore;

async function createWorkflow(name: string, ttl: number): Promise<Workflow> {
  const created = await k.custom.createNamespacedCustomObject({
    group,
    version,
    namespace: ns,
    plural: 'workflows',
    body: {
      apiVersion: `${group}/${version}`,
      kind: 'Workflow',
      metadata: { name },
      spec: { steps: [{ name: 'analyze', type: 'analyze' }], ttlSecondsAfterFinished: ttl },
    },
  });
  const parsed = parseResource(created);
  if (!parsed.ok || parsed.resource.kind !== 'Workflow') throw new Error('workflow did not parse');
  return parsed.resource;
}

const trigger = () => ({
  type: 'manual' as const,
  requestedBy: 'U123',
  receivedAt: new Date().toISOString(),
});

beforeAll(async () => {
  store = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
});

describe('WorkflowRun records', () => {
  it('are owned by their Workflow, carry status, list newest first, and go with the Workflow', async () => {
    const wf = await createWorkflow('triage', 3600);
    const first = await store.create({ workflow: wf, trigger: trigger() });
    const second = await store.create({
      workflow: wf,
      trigger: trigger(),
      inputs: { target: 'deployment/checkout' },
    });
    expect(first.metadata.name).toMatch(/^triage-[a-z0-9]+$/);
    const raw = (await k.custom.getNamespacedCustomObject({
      group,
      version,
      namespace: ns,
      plural: 'workflowruns',
      name: first.metadata.name,
    })) as k8s.KubernetesObject;
    expect(raw.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Workflow',
      name: 'triage',
      uid: wf.metadata.uid,
    });

    const started = new Date().toISOString();
    await store.updateStatus(ns, first.metadata.name, (s) => ({
      ...s,
      phase: 'Running',
      startedAt: started,
    }));
    await store.updateStatus(ns, first.metadata.name, (s) => ({
      ...s,
      steps: [{ name: 'analyze', phase: 'Running', startedAt: started }],
    }));
    const got = await store.get(ns, first.metadata.name);
    expect(got?.status).toMatchObject({
      phase: 'Running',
      steps: [{ name: 'analyze', phase: 'Running' }],
    });

    const listed = await store.list({ namespace: ns, workflow: 'triage' });
    expect(listed.map((r) => r.metadata.name)).toEqual([second.metadata.name, first.metadata.name]);
    expect(await store.list({ namespace: ns, phase: 'Running' })).toHaveLength(1);

    await k.custom.deleteNamespacedCustomObject({
      group,
      version,
      namespace: ns,
      plural: 'workflows',
      name: 'triage',
    });
    await eventually(
      'runs garbage-collected with their Workflow',
      async () => ((await store.list({ namespace: ns })).length === 0 ? true : undefined),
      60_000,
    );
  });

  it('are cleaned up after their TTL by the replica that holds the Lease, and only by it', async () => {
    const wf = await createWorkflow('short-lived', 1);
    const registry = createRegistry();
    registry.put(wf);
    const runs = await Promise.all(
      [1, 2, 3].map(() => store.create({ workflow: wf, trigger: trigger() })),
    );
    const running = await store.create({ workflow: wf, trigger: trigger() });
    const longAgo = new Date(Date.now() - 60_000).toISOString();
    for (const r of runs)
      await store.updateStatus(ns, r.metadata.name, (s) => ({
        ...s,
        phase: 'Succeeded',
        finishedAt: longAgo,
      }));
    await store.updateStatus(ns, running.metadata.name, (s) => ({ ...s, phase: 'Running' }));

    const deletedBy: string[] = [];
    const replica = (identity: string) => {
      const cleaner = createRunCleaner({
        runs: store,
        registry,
        clock: systemClock,
        logger: pino({ level: 'silent' }),
        intervalMs: 300,
        namespace: ns,
        onDeleted: () => deletedBy.push(identity),
      });
      const elector = createLeaderElector({
        coordination: k.kc.makeApiClient(k8s.CoordinationV1Api),
        namespace: ns,
        name: 'punchingfist-controller',
        identity,
        clock: systemClock,
        logger: pino({ level: 'silent' }),
        leaseDurationSeconds: 3,
        renewIntervalMs: 500,
        onStartedLeading: () => cleaner.start(),
        onStoppedLeading: () => cleaner.stop(),
      });
      return { cleaner, elector };
    };
    const a = replica('a');
    a.elector.start();
    await eventually('a leads', async () => (a.elector.isLeader() ? true : undefined), 10_000);
    const b = replica('b');
    b.elector.start();
    await eventually(
      'expired runs deleted',
      async () => ((await store.list({ namespace: ns })).length === 1 ? true : undefined),
      30_000,
    );
    expect(deletedBy).toEqual(['a', 'a', 'a']);
    expect((await store.list({ namespace: ns }))[0]?.metadata.name).toBe(running.metadata.name);
    expect(b.elector.isLeader()).toBe(false);

    // The leader goes away; b takes over the singleton duty.
    await a.elector.stop();
    await eventually('b leads', async () => (b.elector.isLeader() ? true : undefined), 10_000);
    await store.updateStatus(ns, running.metadata.name, (s) => ({
      ...s,
      phase: 'Failed',
      finishedAt: longAgo,
    }));
    await eventually(
      'b deletes the last one',
      async () => ((await store.list({ namespace: ns })).length === 0 ? true : undefined),
      30_000,
    );
    expect(deletedBy).toEqual(['a', 'a', 'a', 'b']);
    await b.elector.stop();
  });
});
