import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createAgentTools } from '../../src/agent/tools/index.ts';
import type { AgentTool, AgentToolContext } from '../../src/agent/tools/tool.ts';
import { systemClock } from '../../src/core/ports.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { app, readyReplicas } from '../support/investigation.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/**
 * rollout_history, the custom-resource tools and the runbook ConfigMaps,
 * against the real API server of the test environment.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'agent-history');
let tools: AgentTool[];
const context: AgentToolContext = { signal: new AbortController().signal, progress: () => {} };

function find(list: readonly AgentTool[], name: string): AgentTool {
  const found = list.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no tool ${name}`);
  return found;
}

const call = (name: string, input: unknown, ctx: AgentToolContext = context) => {
  const tool = find(tools, name);
  return tool.run(tool.input.parse(input), ctx);
};

async function rollTo(name: string, image: string, dbHost: string, replicas: number) {
  const body = app(name, {
    replicas,
    container: { image, env: [{ name: 'DB_HOST', value: dbHost }] },
  });
  await k.apps.replaceNamespacedDeployment({ name, namespace: ns, body });
}

beforeAll(async () => {
  tools = createAgentTools({ cluster: createKubeCluster(k.kc), clock: systemClock });
}, 60_000);

describe('rollout_history', () => {
  it("lists a Deployment rolled twice: each revision's image, ready count and what it changed", async () => {
    const v1 = app('web', {
      replicas: 2,
      container: {
        image: 'registry.example/web:1.0',
        env: [{ name: 'DB_HOST', value: 'db.a.svc' }],
      },
    });
    await k.apps.createNamespacedDeployment({ namespace: ns, body: v1 });
    await readyReplicas(k, 'web', ns, 2);
    await rollTo('web', 'registry.example/web:1.1', 'db.a.svc', 2);
    await eventually('revision 2 rolled out', async () => {
      const d = await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      return d.status?.updatedReplicas === 2 && d.status.readyReplicas === 2 ? true : undefined;
    });
    await rollTo('web', 'registry.example/web:1.1', 'db.b.svc', 2);

    const out = await eventually('revision 3 ready in the history', async () => {
      const r = await call('rollout_history', { kind: 'deploy', name: 'web', namespace: ns });
      return /revision 3 \(current\): ReplicaSet\/web-\S+, created \S+, 2\/2 ready/.test(r.text)
        ? r
        : undefined;
    });

    expect(out.isError).toBeUndefined();
    expect(out.text).toMatch(/^Deployment\/.+\/web: 3 revision\(s\), oldest first/);
    expect(out.text).toMatch(/revision 1: ReplicaSet\/web-\S+, created \S+, 0\/0 ready/);
    expect(out.text).toContain('images app=registry.example/web:1.0');
    expect(out.text).toContain(
      'changes from revision 1:\n  image of container "app": registry.example/web:1.0 → registry.example/web:1.1',
    );
    expect(out.text).toContain(
      'changes from revision 2:\n  env DB_HOST of container "app": "db.a.svc" → "db.b.svc"',
    );
    expect(out.sources?.[0]).toBe(`Deployment/${ns}/web`);
    expect(out.sources).toHaveLength(4);

    const raw = await call(
      'rollout_history',
      { name: 'web', namespace: ns },
      { ...context, compaction: false },
    );
    expect(JSON.parse(raw.text)).toMatchObject({ kind: 'ReplicaSetList' });
    expect(JSON.parse(raw.text).items).toHaveLength(3);
  }, 120_000);

  it("lists a StatefulSet's revisions from its ControllerRevisions", async () => {
    const sts = (image: string) => ({
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 1,
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image }] },
        },
      },
    });
    await k.apps.createNamespacedStatefulSet({
      namespace: ns,
      body: sts('registry.example/pg:15'),
    });
    await eventually('db ready', async () => {
      const s = await k.apps.readNamespacedStatefulSet({ name: 'db', namespace: ns });
      return s.status?.readyReplicas === 1 ? true : undefined;
    });
    await k.apps.replaceNamespacedStatefulSet({
      name: 'db',
      namespace: ns,
      body: sts('registry.example/pg:16'),
    });

    const out = await eventually('two revisions, the new one ready', async () => {
      const r = await call('rollout_history', { kind: 'sts', name: 'db', namespace: ns });
      return /revision 2 \(current\): ControllerRevision\/db-\S+, created \S+, 1\/1 ready/.test(
        r.text,
      )
        ? r
        : undefined;
    });
    expect(out.text).toMatch(/revision 1: ControllerRevision\/db-\S+, created \S+, 0\/0 ready/);
    expect(out.text).toContain(
      'image of container "db": registry.example/pg:15 → registry.example/pg:16',
    );
  }, 120_000);

  it('answers a missing Deployment as an error and refuses kinds without revisions', async () => {
    const missing = await call('rollout_history', { name: 'ghost', namespace: ns });
    expect(missing).toMatchObject({ isError: true, text: `Deployment/${ns}/ghost not found` });
    const parsed = find(tools, 'rollout_history').input.safeParse({
      kind: 'pod',
      name: 'x',
      namespace: ns,
    });
    expect(parsed.success).toBe(false);
  });
});

describe('get_custom_resource / list_custom_resources', () => {
  it('reads a custom resource by group/version/plural, honours the namespace deny list and never reads secrets', async () => {
    await customResources(k, ns).create(
      doc('Workflow', 'triage', { steps: [{ name: 'analyze', type: 'analyze' }] }),
    );
    const type = { group: 'punchingfist.io', version: 'v1alpha1', plural: 'workflows' };

    const got = await call('get_custom_resource', { ...type, name: 'triage', namespace: ns });
    expect(got.isError).toBeUndefined();
    expect(got.text).toContain('kind: Workflow');
    expect(got.text).toContain('type: analyze');
    expect(got.text).not.toContain('managedFields');
    expect(got.sources).toEqual([`workflows.punchingfist.io/${ns}/triage`]);

    const listed = await call('list_custom_resources', { ...type, namespace: ns });
    expect(listed.text).toContain(`workflows.punchingfist.io: 1 item(s)\n${ns}/triage`);

    const missing = await call('get_custom_resource', { ...type, name: 'nope', namespace: ns });
    expect(missing.isError).toBe(true);

    const denied = createAgentTools({
      cluster: createKubeCluster(k.kc, { namespaces: { deny: [ns] } }),
      clock: systemClock,
    });
    const get = find(denied, 'get_custom_resource');
    await expect(
      get.run(get.input.parse({ ...type, name: 'triage', namespace: ns }), context),
    ).rejects.toThrow(`namespace ${ns} is not allowed`);
    const list = find(denied, 'list_custom_resources');
    const across = await list.run(list.input.parse({ ...type }), context);
    expect(across.text).not.toContain(`${ns}/triage`);

    await expect(
      call('get_custom_resource', {
        group: 'bitnami.com',
        version: 'v1alpha1',
        plural: 'sealedsecrets',
        name: 'x',
        namespace: ns,
      }),
    ).rejects.toThrow('never read');
    await expect(
      call('get_custom_resource', {
        group: 'core',
        version: 'v1',
        plural: 'configmaps',
        name: 'x',
        namespace: ns,
      }),
    ).rejects.toThrow('get_resource');
  });
});

describe('runbook_lookup from ConfigMaps', () => {
  it('finds the runbook ConfigMap key named like the alert, and ignores unlabelled ConfigMaps', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: { name: 'team-runbooks', labels: { 'punchingfist.io/runbook': 'true' } },
        data: {
          'KubePodCrashLooping.md': '# Crash loops\n\nRoll back the last config change first.\n',
          'KubeJobFailed.md': '# Failed jobs\n\nRe-run after fixing the input.\n',
        },
      },
    });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: { name: 'not-a-runbook' },
        data: { 'TargetDownSecretsInside.md': 'password=hunter2' },
      },
    });

    const found = await call('runbook_lookup', { query: 'KubePodCrashLooping' });
    expect(found.text).toContain(
      `# runbook KubePodCrashLooping (ConfigMap/${ns}/team-runbooks#KubePodCrashLooping.md)`,
    );
    expect(found.text).toContain('Roll back the last config change first.');
    expect(found.sources).toEqual([`ConfigMap/${ns}/team-runbooks#KubePodCrashLooping.md`]);

    const unlabelled = await call('runbook_lookup', { query: 'TargetDownSecretsInside' });
    expect(unlabelled.text).not.toContain('hunter2');
  });
});
