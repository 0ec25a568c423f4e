import * as k8s from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { eventually, podSpec, testNamespace } from '../support/kube.ts';

/**
 * The test environment itself (SPEC §8): real Redis with AOF, a real API
 * server with >= 3 kwok nodes, and the simulated faults chosen by labels.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'testenv');

const fault = (name: string, value: string, extra: Record<string, string> = {}): k8s.V1Pod => ({
  metadata: { name, labels: { 'sim.punchingfist.io/fault': value, ...extra } },
  spec: podSpec(`registry.example/${name}:1.0`),
});

async function pod(name: string): Promise<k8s.V1Pod> {
  return k.core.readNamespacedPod({ name, namespace: ns });
}

function waiting(p: k8s.V1Pod): string | undefined {
  return p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

describe('redis', () => {
  it('answers PING and has AOF on', async () => {
    const redis = new Redis(env.REDIS_URL);
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    } finally {
      redis.disconnect();
    }
  });
});

describe('kubernetes', () => {
  it('has at least 3 Ready nodes', async () => {
    const nodes = await k.core.listNode();
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    expect(ready.length).toBeGreaterThanOrEqual(3);
  });

  it('runs a Deployment of 3 unlabelled replicas to 3/3 Ready, and rolls it out again', async () => {
    const labels = { app: 'web' };
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: podSpec('registry.example/web:1.0') },
        },
      },
    });
    const readyReplicas = async () =>
      (await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status;
    await eventually('3/3 ready', async () =>
      (await readyReplicas())?.readyReplicas === 3 ? true : undefined,
    );

    // An image change makes a new ReplicaSet whose pods become Ready.
    await k.apps.patchNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'registry.example/web:1.1',
        },
      ],
    });
    await eventually('rollout of web:1.1 complete', async () => {
      const d = await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      const s = d.status;
      const done =
        s?.observedGeneration === d.metadata?.generation &&
        s?.updatedReplicas === 3 &&
        s?.readyReplicas === 3 &&
        s?.replicas === 3;
      return done ? true : undefined;
    });
    const sets = await k.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
    expect(sets.items).toHaveLength(2);
    const current = sets.items.find(
      (rs) => rs.spec?.template?.spec?.containers[0]?.image === 'registry.example/web:1.1',
    );
    expect(current?.status?.readyReplicas).toBe(3);
  });
});

describe('simulated pod faults', () => {
  it('crashloop: CrashLoopBackOff with a rising restart count, and the previous logs from the file', async () => {
    await k.core.createNamespacedPod({
      namespace: ns,
      body: fault('crasher', 'crashloop', { 'sim.punchingfist.io/logs': 'crashloop-db' }),
    });
    const first = await eventually('CrashLoopBackOff', async () => {
      const p = await pod('crasher');
      return waiting(p) === 'CrashLoopBackOff' ? p : undefined;
    });
    const firstCount = first.status?.containerStatuses?.[0]?.restartCount ?? 0;
    expect(first.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(1);
    await eventually(
      'restart count rising',
      async () => {
        const p = await pod('crasher');
        return (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > firstCount
          ? true
          : undefined;
      },
      30_000,
    );
    const previous = await eventually(
      'previous logs',
      async () => {
        const text = await k.core.readNamespacedPodLog({
          name: 'crasher',
          namespace: ns,
          previous: true,
        });
        return text.includes('FATAL') ? text : undefined;
      },
      30_000,
    );
    expect(previous).toContain('FATAL could not connect to database after 5s');
    expect(previous.split('\n').filter(Boolean)).toHaveLength(6);
  });

  it('oomkilled: last state OOMKilled, exit code 137', async () => {
    await k.core.createNamespacedPod({ namespace: ns, body: fault('hungry', 'oomkilled') });
    const p = await eventually('OOMKilled', async () => {
      const got = await pod('hungry');
      return got.status?.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled'
        ? got
        : undefined;
    });
    expect(p.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137);
    expect(waiting(p)).toBe('CrashLoopBackOff');
  });

  it('imagepull: ImagePullBackOff, pod Pending', async () => {
    await k.core.createNamespacedPod({ namespace: ns, body: fault('puller', 'imagepull') });
    const p = await eventually('ImagePullBackOff', async () => {
      const got = await pod('puller');
      return waiting(got) === 'ImagePullBackOff' ? got : undefined;
    });
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.message).toContain(
      'registry.example/puller:1.0',
    );
  });

  it('notready: Running but never Ready', async () => {
    await k.core.createNamespacedPod({ namespace: ns, body: fault('sleepy', 'notready') });
    const p = await eventually('Running', async () => {
      const got = await pod('sleepy');
      return got.status?.phase === 'Running' ? got : undefined;
    });
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(false);
  });

  it('configerror: CreateContainerConfigError naming the missing ConfigMap', async () => {
    const body = fault('confused', 'configerror');
    body.spec = {
      containers: [
        {
          name: 'app',
          image: 'registry.example/confused:1.0',
          envFrom: [{ configMapRef: { name: 'checkout-settings' } }],
        },
      ],
    };
    await k.core.createNamespacedPod({ namespace: ns, body });
    const p = await eventually('CreateContainerConfigError', async () => {
      const got = await pod('confused');
      return waiting(got) === 'CreateContainerConfigError' ? got : undefined;
    });
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe(
      'configmap "checkout-settings" not found',
    );
  });

  it('failed: a Job whose pods exit 1 fails', async () => {
    await k.batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: 'migrate' },
        spec: {
          backoffLimit: 0,
          template: {
            metadata: { labels: { 'sim.punchingfist.io/fault': 'failed' } },
            spec: podSpec('registry.example/migrate:1.0', { restartPolicy: 'Never' }),
          },
        },
      },
    });
    const job = await eventually(
      'Job Failed',
      async () => {
        const j = await k.batch.readNamespacedJob({ name: 'migrate', namespace: ns });
        return j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')
          ? j
          : undefined;
      },
      90_000,
    );
    expect(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe(
      'BackoffLimitExceeded',
    );
    const pods = await k.core.listNamespacedPod({
      namespace: ns,
      labelSelector: 'job-name=migrate',
    });
    expect(pods.items.every((p) => p.status?.phase === 'Failed')).toBe(true);
    expect(pods.items[0]?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
  });
});

describe('simulated node faults', () => {
  async function setNodeFault(name: string, value: string | null): Promise<void> {
    await k.core.patchNode(
      {
        name,
        body: { metadata: { labels: { 'sim.punchingfist.io/node-fault': value } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
  }
  const condition = async (node: string, type: string) =>
    (await k.core.readNode({ name: node })).status?.conditions?.find((c) => c.type === type)
      ?.status;

  it('notready and memorypressure are reported, and a node recovers when the label goes', async () => {
    const nodes = await k.core.listNode();
    const [a, b] = nodes.items.map((n) => n.metadata?.name ?? '');
    if (a === undefined || b === undefined) throw new Error('need two nodes');
    try {
      await setNodeFault(a, 'notready');
      await setNodeFault(b, 'memorypressure');
      await eventually('node NotReady', async () =>
        (await condition(a, 'Ready')) === 'False' ? true : undefined,
      );
      await eventually('MemoryPressure', async () =>
        (await condition(b, 'MemoryPressure')) === 'True' ? true : undefined,
      );
      expect(await condition(b, 'Ready')).toBe('True');
    } finally {
      await setNodeFault(a, null);
      await setNodeFault(b, null);
    }
    await eventually('node Ready again', async () =>
      (await condition(a, 'Ready')) === 'True' ? true : undefined,
    );
    await eventually('memory pressure gone', async () =>
      (await condition(b, 'MemoryPressure')) === 'False' ? true : undefined,
    );
  });
});
