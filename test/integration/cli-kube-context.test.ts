import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { app, readyReplicas, runCli } from '../support/investigation.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * `investigate` and `ask` choose their cluster by --kubeconfig and
 * --context: a kubeconfig with two contexts whose current one points at
 * nothing (a closed port), and the test cluster under another name.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'cli-context');
let kubeconfig: string;

interface KubeConfigFile {
  clusters: { name: string; cluster: { server: string } }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context'?: string;
  currentContext?: string;
}

function twoContexts(namespace: string): string {
  const exported = JSON.parse(k.kc.exportConfig()) as KubeConfigFile;
  const real = exported.contexts.find((c) => c.name === k.kc.getCurrentContext());
  if (real === undefined) throw new Error('no current context in the test kubeconfig');
  const file = {
    ...exported,
    clusters: [
      ...exported.clusters,
      { name: 'nowhere', cluster: { server: 'https://127.0.0.1:1' } },
    ],
    contexts: [
      { name: 'broken', context: { cluster: 'nowhere', user: real.context.user } },
      { name: 'testenv', context: { ...real.context, namespace } },
    ],
    'current-context': 'broken',
  };
  delete file.currentContext;
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeconfig-'));
  const where = path.join(dir, 'config.json');
  writeFileSync(where, JSON.stringify(file));
  return where;
}

beforeAll(async () => {
  await k.apps.createNamespacedDeployment({ namespace: ns, body: app('fine', { replicas: 1 }) });
  await readyReplicas(k, 'fine', ns, 1);
  kubeconfig = twoContexts(ns);
}, 60_000);

describe('--kubeconfig and --context', () => {
  it('investigate reads the cluster of the context named, with its namespace, from the file named', async () => {
    // KUBECONFIG points at a file that does not exist: --kubeconfig wins over it.
    const chosen = await runCli(
      ['investigate', 'deploy/fine', '--kubeconfig', kubeconfig, '--context', 'testenv', '--json'],
      '/nonexistent/kubeconfig',
    );
    expect(chosen.stderr).not.toContain('127.0.0.1:1');
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({
      target: `Deployment/${ns}/fine`,
      findings: [],
    });

    const current = await runCli([
      'investigate',
      'deploy/fine',
      '-n',
      ns,
      '--kubeconfig',
      kubeconfig,
    ]);
    expect(current.code).toBe(1);
    expect(current.stderr).toMatch(/127\.0\.0\.1:1|ECONNREFUSED|connect/);
  }, 60_000);

  it('ask takes the same flags', async () => {
    const asked = await runCli([
      'ask',
      'why is deploy/fine slow?',
      '--llm',
      'none',
      '--json',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'testenv',
    ]);
    expect(asked.code).toBe(0);
    expect(JSON.parse(asked.stdout)).toMatchObject({ target: `Deployment/${ns}/fine` });

    const unknown = await runCli(['ask', 'why?', '--kubeconfig', kubeconfig, '--context', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'context "nope" is not in the kubeconfig (have: broken, testenv)',
    );
  }, 60_000);
});
