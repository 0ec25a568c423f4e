/**
 * How long an analyzer-only investigation (--llm none) of a failing
 * Deployment takes against the test cluster: a Deployment whose second
 * revision crash-loops, investigated N times in-process (investigate()'s
 * own durationMs) and through the CLI (wall clock, process start
 * included). Needs `npm run testenv:up`.
 *
 *   tsx bench/investigate.ts [runs=10]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import { current } from '../scripts/testenv/testenv.ts';
import { createKubeCluster } from '../src/adapters/kube/index.ts';
import { investigate } from '../src/core/investigation/investigate.ts';
import { systemClock } from '../src/core/ports.ts';

function deployment(env: string, labels: Record<string, string>): k8s.V1Deployment {
  return {
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', ...labels } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example/web:1.0',
              env: [{ name: 'DB_HOST', value: env }],
            },
          ],
        },
      },
    },
  };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function stats(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(0)}ms, p90 ${at(0.9).toFixed(0)}ms, min ${sorted[0]?.toFixed(0)}ms, max ${sorted.at(-1)?.toFixed(0)}ms (n=${sorted.length})`;
}

async function main(runs: number): Promise<void> {
  const testenv = current();
  if (testenv === undefined) throw new Error('no test environment: run `npm run testenv:up`');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(testenv.env.KUBECONFIG);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const ns = `bench-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: ns } } });
  try {
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('db.payments.svc', {}),
    });
    await until(
      '3/3 ready',
      async () =>
        (await apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status
          ?.readyReplicas === 3,
    );
    const bad = deployment('db.payment.svc', {
      'sim.punchingfist.io/fault': 'crashloop',
      'sim.punchingfist.io/logs': 'crashloop-db',
    });
    await apps.replaceNamespacedDeployment({ name: 'web', namespace: ns, body: bad });
    await until('a crash loop', async () =>
      (await core.listNamespacedPod({ namespace: ns })).items.some(
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      ),
    );
    const cluster = createKubeCluster(kc);
    const inProcess: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const result = await investigate(
        { cluster, clock: systemClock },
        { by: 'ref', kind: 'Deployment', name: 'web', namespace: ns },
      );
      if (!result.ok || result.report.findings[0]?.category !== 'StuckRollout')
        throw new Error('unexpected report');
      inProcess.push(result.report.durationMs);
    }
    const cli: number[] = [];
    const bin = path.join(import.meta.dirname, '../bin/punchingfist.js');
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      execFileSync(process.execPath, [bin, 'investigate', 'deploy/web', '-n', ns, '--json'], {
        env: { PATH: process.env.PATH ?? '', KUBECONFIG: testenv.env.KUBECONFIG },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      cli.push(performance.now() - started);
    }
    console.log(`investigate() in-process, deploy/web (StuckRollout): ${stats(inProcess)}`);
    console.log(`punchingfist investigate --json (wall clock):        ${stats(cli)}`);
  } finally {
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
  }
}

await main(Number(process.argv[2] ?? 10));
