import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportSchema } from '../../src/core/investigation/report.ts';
import {
  app,
  investigateIn,
  podWhere,
  quotes,
  readyReplicas,
  rootCauseOf,
  runCli,
  waitingReason,
} from '../support/investigation.ts';
import { createNamespace, deleteNamespace, type Kube, kube, podSpec } from '../support/kube.ts';
import {
  claim,
  failingJob,
  nodeReady,
  saturatedHpa,
  setNodeFault,
} from '../support/scenario-objects.ts';

/**
 * The investigation against the real cluster, one namespace per scenario:
 * each fault is built from plain manifests and the simulator's labels, and
 * the deterministic analyzers (--llm none) must name the right category on
 * the right object, quoting their evidence.
 */
const env = inject('testenv');
const fault = 'sim.punchingfist.io/fault';
const logs = 'sim.punchingfist.io/logs';
let k: Kube;
const namespaces: string[] = [];

beforeAll(() => {
  k = kube(env.KUBECONFIG);
});
afterAll(async () => {
  await Promise.all(namespaces.map((ns) => deleteNamespace(k, ns)));
});

async function scenario(prefix: string): Promise<string> {
  const ns = await createNamespace(k, `inv-${prefix}`);
  namespaces.push(ns);
  return ns;
}

describe('investigate scenarios (--llm none)', () => {
  it('crash loop after a bad config rollout: StuckRollout on the Deployment, rollback naming the env change', async () => {
    const ns = await scenario('rollout');
    const v1 = app('web', {
      replicas: 3,
      container: { env: [{ name: 'DB_HOST', value: 'db.payments.svc' }] },
    });
    await k.apps.createNamespacedDeployment({ namespace: ns, body: v1 });
    await readyReplicas(k, 'web', ns, 3);
    const v2 = app('web', {
      replicas: 3,
      podLabels: { [fault]: 'crashloop', [logs]: 'crashloop-db' },
      container: { env: [{ name: 'DB_HOST', value: 'db.payment.svc' }] },
    });
    await k.apps.replaceNamespacedDeployment({ name: 'web', namespace: ns, body: v2 });
    const crasher = await podWhere(
      k,
      ns,
      'a v2 pod in CrashLoopBackOff',
      (p) => waitingReason(p) === 'CrashLoopBackOff',
    );

    const { report, root } = await rootCauseOf(k, 'deploy/web', ns, 'StuckRollout');
    expect(root.object).toBe(`Deployment/${ns}/web`);
    expect(root.summary).toContain(
      'env DB_HOST of container "app": "db.payments.svc" → "db.payment.svc"',
    );
    expect(quotes(root, 'field', 'revision 1: 3/3 ready')).toBe(true);
    expect(quotes(root, 'log', 'FATAL could not connect to database after 5s')).toBe(true);
    expect(report.proposals).toEqual([
      expect.objectContaining({
        action: 'rollback',
        target: `Deployment/${ns}/web`,
        params: { toRevision: 1, fromRevision: 2 },
        rationale: expect.stringContaining('env DB_HOST'),
      }),
    ]);
    const symptom = report.findings.find((f) => f.category === 'CrashLoopBackOff');
    expect(symptom).toMatchObject({ object: `Deployment/${ns}/web`, explainedBy: root.id });
    expect(report.findings.filter((f) => f.explainedBy === undefined)).toHaveLength(1);

    const fromPod = await investigateIn(k, `pod/${crasher.metadata?.name ?? ''}`, ns);
    expect(fromPod.findings[0]).toMatchObject({
      category: 'StuckRollout',
      object: `Deployment/${ns}/web`,
    });

    const cli = await runCli(['investigate', 'deploy/web', '-n', ns, '--json'], env.KUBECONFIG);
    expect(cli.code).toBe(0);
    const printed = reportSchema.parse(JSON.parse(cli.stdout));
    expect(printed.findings[0]).toMatchObject({
      category: 'StuckRollout',
      object: `Deployment/${ns}/web`,
    });
    expect(printed.proposals[0]).toMatchObject({
      action: 'rollback',
      target: `Deployment/${ns}/web`,
      params: { toRevision: 1 },
    });
    expect(cli.stderr).toContain('investigate: running the analyzers:');
  });

  it('OOMKilled: quotes the limit and proposes raising it on the Deployment', async () => {
    const ns = await scenario('oom');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('api', {
        podLabels: { [fault]: 'oomkilled' },
        container: { resources: { limits: { memory: '64Mi' }, requests: { memory: '32Mi' } } },
      }),
    });
    const { report, root } = await rootCauseOf(k, 'deploy/api', ns, 'OOMKilled');
    expect(root.object).toBe(`Deployment/${ns}/api`);
    expect(quotes(root, 'field', 'OOMKilled (exit code 137)')).toBe(true);
    expect(quotes(root, 'field', '64Mi')).toBe(true);
    expect(report.proposals[0]).toMatchObject({
      action: 'set_resources',
      target: `Deployment/${ns}/api`,
      params: { container: 'app', limits: { memory: '128Mi' } },
    });
  });

  it('an image tag that does not exist: ImagePullBackOff naming image and tag', async () => {
    const ns = await scenario('image');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('shop', {
        podLabels: { [fault]: 'imagepull' },
        container: { image: 'registry.example/shop:9.9.9-nope' },
      }),
    });
    const { root } = await rootCauseOf(k, 'shop', ns, 'ImagePullBackOff');
    expect(root.object).toBe(`Deployment/${ns}/shop`);
    expect(root.summary).toContain('tag "9.9.9-nope"');
    expect(quotes(root, 'field', 'registry.example/shop:9.9.9-nope')).toBe(true);
  });

  it('a missing ConfigMap: CreateContainerConfigError naming it, checked against what exists', async () => {
    const ns = await scenario('configmap');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('checkout', {
        podLabels: { [fault]: 'configerror' },
        container: { envFrom: [{ configMapRef: { name: 'checkout-settings' } }] },
      }),
    });
    const { root } = await rootCauseOf(k, 'deploy/checkout', ns, 'CreateContainerConfigError');
    expect(root.object).toBe(`Deployment/${ns}/checkout`);
    expect(root.summary).toContain('ConfigMap "checkout-settings" does not exist');
    expect(root.evidence).toContainEqual(
      expect.objectContaining({
        object: `ConfigMap/${ns}/checkout-settings`,
        text: `ConfigMap ${ns}/checkout-settings not found`,
      }),
    );
  });

  it('a missing Secret key: names the key and the keys the Secret has, never a value', async () => {
    const ns = await scenario('secretkey');
    await k.core.createNamespacedSecret({
      namespace: ns,
      body: {
        metadata: { name: 'db-credentials' },
        stringData: { password: 's3cr3t-value', username: 'payments' },
      },
    });
    const env1 = [
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'passwd' } },
      },
    ];
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'payments', labels: { [fault]: 'configerror' } },
        spec: { containers: [{ name: 'app', image: 'registry.example/payments:1.0', env: env1 }] },
      },
    });
    const { report, root } = await rootCauseOf(k, 'pod/payments', ns, 'CreateContainerConfigError');
    expect(root.object).toBe(`Pod/${ns}/payments`);
    expect(root.summary).toContain('Secret "db-credentials" has no key "passwd"');
    expect(quotes(root, 'field', 'keys: password, username (no "passwd")')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('s3cr3t-value');
  });

  it('unschedulable by a nodeSelector no node has', async () => {
    const ns = await scenario('selector');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('pick', { spec: { nodeSelector: { disktype: 'ssd' } } }),
    });
    const { root } = await rootCauseOf(k, 'deploy/pick', ns, 'Unschedulable');
    expect(root.object).toBe(`Deployment/${ns}/pick`);
    expect(root.summary).toContain('no node has label disktype=ssd');
    expect(quotes(root, 'event', "didn't match Pod's node affinity/selector")).toBe(true);
  });

  it('unschedulable by a request larger than any node', async () => {
    const ns = await scenario('huge');
    const spec = {
      containers: [
        {
          name: 'app',
          image: 'registry.example/huge:1.0',
          resources: { requests: { memory: '4Ti' } },
        },
      ],
    };
    await k.core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'huge' }, spec } });
    const { root } = await rootCauseOf(k, 'pod/huge', ns, 'Unschedulable');
    expect(root.object).toBe(`Pod/${ns}/huge`);
    expect(root.summary).toMatch(
      /requests 4Ti memory, more than any node can offer \(largest allocatable \d+\w+\)/,
    );
    expect(quotes(root, 'event', 'Insufficient memory')).toBe(true);
  });

  it('never Ready: ProbeFailure quoting the readiness probe failures', async () => {
    const ns = await scenario('notready');
    const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 };
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('sleepy', {
        podLabels: { [fault]: 'notready' },
        container: { readinessProbe: probe },
      }),
    });
    const { root } = await rootCauseOf(k, 'deploy/sleepy', ns, 'ProbeFailure');
    expect(root.object).toBe(`Deployment/${ns}/sleepy`);
    expect(root.summary).toContain('is Running but never Ready');
    expect(
      quotes(root, 'event', 'Readiness probe failed: HTTP probe failed with statuscode: 503'),
    ).toBe(true);
  });

  it('a Service whose selector matches no pod: shows the labels the pods have', async () => {
    const ns = await scenario('service');
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('checkout', { replicas: 2 }),
    });
    await readyReplicas(k, 'checkout', ns, 2);
    await k.core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'checkout' },
        spec: { selector: { app: 'checkout-api' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
    });
    const { root } = await rootCauseOf(k, 'svc/checkout', ns, 'ServiceNoEndpoints');
    expect(root.object).toBe(`Service/${ns}/checkout`);
    expect(root.summary).toContain('no pod has app=checkout-api; pods have app=checkout');
    expect(quotes(root, 'field', 'app=checkout-api')).toBe(true);
  });

  it('a failed Job: JobFailed with exit code and log, re-run proposed for a transient failure', async () => {
    const ns = await scenario('job');
    await k.batch.createNamespacedJob({
      namespace: ns,
      body: failingJob('migrate', 'crashloop-db'),
    });
    const { report, root } = await rootCauseOf(k, 'job/migrate', ns, 'JobFailed');
    expect(root.object).toBe(`Job/${ns}/migrate`);
    expect(root.summary).toContain('BackoffLimitExceeded');
    expect(root.summary).toContain('last exit code 1');
    expect(quotes(root, 'log', 'connection refused')).toBe(true);
    expect(report.proposals[0]).toMatchObject({ action: 'rerun_job', target: `Job/${ns}/migrate` });
  });

  it('an HPA at its maximum: HPAAtMax with update_hpa (status written, see saturatedHpa)', async () => {
    const ns = await scenario('hpa');
    const resources = { requests: { cpu: '100m' } };
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: app('api', { replicas: 3, container: { resources } }),
    });
    await readyReplicas(k, 'api', ns, 3);
    await saturatedHpa(k, ns, 'api', 3);
    const { report, root } = await rootCauseOf(k, 'hpa/api', ns, 'HPAAtMax');
    expect(root.object).toBe(`HorizontalPodAutoscaler/${ns}/api`);
    expect(quotes(root, 'field', '3 (maxReplicas 3, desiredReplicas 3)')).toBe(true);
    expect(quotes(root, 'field', 'TooManyReplicas')).toBe(true);
    expect(report.proposals[0]).toMatchObject({
      action: 'update_hpa',
      target: `HorizontalPodAutoscaler/${ns}/api`,
      params: { maxReplicas: 5 },
    });
    const fromDeployment = await investigateIn(k, 'deploy/api', ns);
    expect(fromDeployment.findings.map((f) => f.category)).toContain('HPAAtMax');
  });

  it('a PVC with a missing StorageClass: PVCPending, and the root cause of its pod', async () => {
    const ns = await scenario('pvc');
    await k.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: claim('data', 'fast-ssd'),
    });
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'db' },
        spec: podSpec('registry.example/db:1.0', {
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        }),
      },
    });
    const { root } = await rootCauseOf(k, 'pvc/data', ns, 'PVCPending');
    expect(root.object).toBe(`PersistentVolumeClaim/${ns}/data`);
    expect(root.summary).toContain('StorageClass "fast-ssd" does not exist');
    expect(quotes(root, 'field', '"fast-ssd"')).toBe(true);
    const fromPod = await rootCauseOf(k, 'pod/db', ns, 'PVCPending');
    expect(fromPod.root.affected).toContain(`Pod/${ns}/db`);
  });

  it('a PDB that allows no disruption', async () => {
    const ns = await scenario('pdb');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: app('web', { replicas: 2 }) });
    await readyReplicas(k, 'web', ns, 2);
    const policy = k.kc.makeApiClient(k8s.PolicyV1Api);
    await policy.createNamespacedPodDisruptionBudget({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
      },
    });
    const { root } = await rootCauseOf(k, 'pdb/web', ns, 'PDBBlocking');
    expect(root.object).toBe(`PodDisruptionBudget/${ns}/web`);
    expect(quotes(root, 'field', '0 (currentHealthy 2, desiredHealthy 2, expectedPods 2)')).toBe(
      true,
    );
  });

  it('a node NotReady: NodeNotReady with cordon_node', async () => {
    const ns = await scenario('node');
    const nodes = await k.core.listNode();
    const name = nodes.items.at(-1)?.metadata?.name ?? '';
    try {
      await setNodeFault(k, name, 'notready');
      const { report, root } = await rootCauseOf(k, `node/${name}`, ns, 'NodeNotReady');
      expect(root.object).toBe(`Node/${name}`);
      expect(quotes(root, 'field', 'Ready=False (KubeletNotReady)')).toBe(true);
      expect(report.proposals[0]).toMatchObject({ action: 'cordon_node', target: `Node/${name}` });
    } finally {
      await setNodeFault(k, name, null);
      await nodeReady(k, name);
    }
  });

  it('a healthy Deployment: nothing wrong; the CLI exits 0, 1 for a missing target, 2 for a usage mistake', async () => {
    const ns = await scenario('healthy');
    await k.apps.createNamespacedDeployment({ namespace: ns, body: app('fine', { replicas: 2 }) });
    await readyReplicas(k, 'fine', ns, 2);
    const report = await investigateIn(k, 'deploy/fine', ns);
    expect(report).toMatchObject({ rootCause: null, findings: [], proposals: [], partial: false });
    const flags = [
      '--kubeconfig',
      env.KUBECONFIG,
      '--context',
      k.kc.getCurrentContext(),
      '--llm',
      'none',
    ];
    const text = await runCli(['investigate', 'deploy/fine', '-n', ns, ...flags]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Deployment/${ns}/fine: no problems found`);
    const context = await runCli(
      ['investigate', 'deploy/fine', '--context', 'nowhere'],
      env.KUBECONFIG,
    );
    expect(context).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('context "nowhere" is not in the kubeconfig'),
    });
    const missing = await runCli(
      ['investigate', 'deploy/ghost', '-n', ns, '--json'],
      env.KUBECONFIG,
    );
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain(`nothing found for Deployment/${ns}/ghost`);
    const usage = await runCli(['investigate', 'widget/x'], env.KUBECONFIG);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown kind "widget"');
  });
});
