import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import YAML from 'yaml';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { createRedisRunStore } from '../../src/adapters/redis/redis-run-store.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource, type Workflow } from '../../src/core/resources/index.ts';
import { testNamespace } from '../support/kube.ts';

/** The CLI's `crds` and `runs`, as a person runs them, against the real API server and Redis. */
const run = promisify(execFile);
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'cliruns');
const cli = (args: string[]) =>
  run(process.execPath, ['bin/punchingfist.js', ...args], {
    env: {
      ...process.env,
      KUBECONFIG: env.KUBECONFIG,
      REDIS_URL: env.REDIS_URL,
      LOG_LEVEL: 'silent',
    },
  });

function workflow(doc: unknown): Workflow {
  const r = parseResource(doc);
  if (!r.ok || r.resource.kind !== 'Workflow') throw new Error('bad workflow');
  return r.resource;
}

describe('punchingfist crds', () => {
  it('prints the same CRDs that crds/ holds', async () => {
    const { stdout } = await cli(['crds']);
    const printed = YAML.parseAllDocuments(stdout).map(
      (d) => d.toJS() as { metadata: { name: string } },
    );
    const committed = readdirSync('crds').map(
      (f) =>
        YAML.parse(readFileSync(path.join('crds', f), 'utf8')) as { metadata: { name: string } },
    );
    expect(printed.map((c) => c.metadata.name).sort()).toEqual(
      committed.map((c) => c.metadata.name).sort(),
    );
    expect(printed).toEqual(expect.arrayContaining(committed));
  });
});

describe('punchingfist runs', () => {
  it('lists WorkflowRuns from the API server, newest first, filtered by status', async () => {
    const created = await k.custom.createNamespacedCustomObject({
      group: 'punchingfist.io',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'workflows',
      body: {
        apiVersion: 'punchingfist.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'triage' },
        spec: { steps: [{ name: 'a', type: 'analyze' }] },
      },
    });
    const store = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
    const wf = workflow(created);
    const first = await store.create({
      workflow: wf,
      trigger: {
        type: 'alertmanager',
        alertNames: ['KubePodCrashLooping'],
        receivedAt: new Date().toISOString(),
      },
    });
    await store.updateStatus(ns, first.metadata.name, (s) => ({
      ...s,
      phase: 'Succeeded',
      duration: '4s',
    }));
    const second = await store.create({
      workflow: wf,
      trigger: { type: 'manual', receivedAt: new Date().toISOString() },
    });

    const { stdout } = await cli(['runs', '-n', ns]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+WORKFLOW\s+PHASE\s+TRIGGER\s+STARTED\s+DURATION$/);
    expect(lines[1]).toContain(second.metadata.name);
    expect(lines[2]).toMatch(
      new RegExp(
        `${first.metadata.name}\\s+triage\\s+Succeeded\\s+KubePodCrashLooping\\s+\\S+\\s+4s`,
      ),
    );
    const succeeded = await cli(['runs', '-n', ns, '--status', 'Succeeded', '--json']);
    expect(
      (JSON.parse(succeeded.stdout) as { metadata: { name: string } }[]).map(
        (r) => r.metadata.name,
      ),
    ).toEqual([first.metadata.name]);
  });

  it('lists local-mode runs from Redis the same way, and explains a bad flag', async () => {
    const redis = new Redis(env.REDIS_URL);
    const store = createRedisRunStore(redis, 'pf:', systemClock);
    const wf = workflow({
      apiVersion: 'punchingfist.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'local-wf', namespace: ns },
      spec: { steps: [{ name: 'a', type: 'analyze' }] },
    });
    const r = await store.create({
      workflow: wf,
      trigger: { type: 'schedule', receivedAt: new Date().toISOString() },
    });
    try {
      const { stdout } = await cli(['runs', '--config', 'examples', '-n', ns]);
      expect(stdout).toMatch(new RegExp(`${r.metadata.name}\\s+local-wf\\s+Pending\\s+schedule`));
      await expect(cli(['runs', '--limit', 'lots'])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--limit'),
      });
    } finally {
      await store.delete(ns, r.metadata.name);
      await store.close?.();
      redis.disconnect();
    }
  });
});
