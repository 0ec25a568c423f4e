import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createPrometheusClient } from '../../src/adapters/prometheus/index.ts';
import { createAgentTools } from '../../src/agent/tools/index.ts';
import type { AgentTool } from '../../src/agent/tools/tool.ts';
import { systemClock } from '../../src/core/ports.ts';
import { testNamespace } from '../support/kube.ts';

/** The agent's tools against the real cluster and the real Prometheus of the test environment. */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'agent-tools');
let tools: AgentTool[];
const context = { signal: new AbortController().signal, progress: () => undefined };
const secretValue = 'hunter2-very-secret-password';

function tool(name: string): AgentTool {
  const found = tools.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no tool ${name}`);
  return found;
}

const call = (name: string, input: unknown) =>
  tool(name).run(tool(name).input.parse(input), context);

beforeAll(async () => {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: { name: 'db-credentials' },
      stringData: { password: secretValue, username: 'checkout' },
    },
  });
  const runbooks = mkdtempSync(path.join(tmpdir(), 'runbooks-'));
  writeFileSync(
    path.join(runbooks, 'KubePodCrashLooping.md'),
    '# Crash looping pods\n\n1. Read the previous logs.\n2. Compare with the last rollout.\n',
  );
  writeFileSync(path.join(runbooks, 'NodeNotReady.md'), '# Node not ready\n\nCheck the kubelet.\n');
  tools = createAgentTools({
    cluster: createKubeCluster(k.kc),
    clock: systemClock,
    prometheus:
      env.PROMETHEUS_URL === undefined
        ? undefined
        : createPrometheusClient({ baseUrl: env.PROMETHEUS_URL }),
    runbookDir: runbooks,
    runbookUrls: { KubePodCrashLooping: 'https://runbooks.example/crashloop' },
  });
});

describe('agent tools on the real cluster', () => {
  it("never shows a Secret's data, through get_resource, describe or list_resources", async () => {
    const got = await call('get_resource', {
      kind: 'secret',
      name: 'db-credentials',
      namespace: ns,
    });
    const described = await call('describe', {
      kind: 'Secret',
      name: 'db-credentials',
      namespace: ns,
    });
    const listed = await call('list_resources', { kind: 'secrets', namespace: ns });
    expect(got.text).toContain('password');
    expect(got.text).toContain('username');
    for (const out of [got, described, listed]) {
      expect(out.text).not.toContain(secretValue);
      expect(out.text).not.toContain(Buffer.from(secretValue).toString('base64'));
    }
  });

  it('answers a missing object as an error the model can read', async () => {
    expect(await call('get_resource', { kind: 'deploy', name: 'nope', namespace: ns })).toEqual({
      text: `Deployment/${ns}/nope not found`,
      isError: true,
    });
  });

  it('queries the real Prometheus, instant and range', async () => {
    const instant = await call('prometheus_query', { query: 'up' });
    expect(instant.text).toMatch(/^up\{.*job=.*\} 1/m);
    const range = await call('prometheus_range_query', {
      query: 'up',
      minutes: 5,
      stepSeconds: 30,
    });
    expect(range.text).toMatch(/min=\d+ max=1 last=1 points=\d+/);
    const bad = await tool('prometheus_query')
      .run({ query: 'sum(' }, context)
      .catch((e: unknown) => e);
    expect(String(bad)).toContain('bad_data');
  });

  it('finds a runbook by alert name, with the alert runbook_url', async () => {
    const out = await call('runbook_lookup', { query: 'KubePodCrashLooping in shop' });
    expect(out.text).toContain('KubePodCrashLooping: https://runbooks.example/crashloop');
    expect(out.text).toContain('Read the previous logs');
    expect(out.text).not.toContain('Check the kubelet');
  });
});
