/**
 * `npm run demo`: the product's main job on embedded defaults. Starts the
 * test environment, deploys a healthy app, rolls out a bad version that
 * crash-loops, waits for the real alert (kube-state-metrics → Prometheus →
 * Alertmanager), and investigates with `punchingfist investigate`.
 * Prints how long each phase took. `--keep` leaves the environment running.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import YAML from 'yaml';
import { repoRoot } from '../testenv/paths.ts';
import { current, down, type TestenvEnv, up } from '../testenv/testenv.ts';

const ns = 'demo';
const keep = process.argv.includes('--keep');
const timings: [string, number][] = [];

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = await run();
  const ms = performance.now() - started;
  timings.push([name, ms]);
  process.stdout.write(`  done in ${(ms / 1000).toFixed(1)} s\n`);
  return result;
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function apis(env: TestenvEnv) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(env.KUBECONFIG);
  return { core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api) };
}

async function deployHealthy(env: TestenvEnv): Promise<void> {
  const { core, apps } = apis(env);
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await until(
    'old demo namespace gone',
    async () => {
      const list = await core.listNamespace({ fieldSelector: `metadata.name=${ns}` });
      return list.items.length === 0 ? true : undefined;
    },
    120_000,
  );
  await core.createNamespace({
    body: { metadata: { name: ns, labels: { environment: 'production' } } },
  });
  const body = YAML.parse(
    readFileSync(path.join(repoRoot, 'scripts/demo/checkout.yaml'), 'utf8'),
  ) as k8s.V1Deployment;
  await apps.createNamespacedDeployment({ namespace: ns, body });
  await until(
    'checkout 3/3 Ready',
    async () => {
      const d = await apps.readNamespacedDeployment({ name: 'checkout', namespace: ns });
      return d.status?.readyReplicas === 3 ? true : undefined;
    },
    120_000,
  );
  console.log('  checkout 1.4.2: 3/3 Ready');
}

async function rollOutBadVersion(env: TestenvEnv): Promise<void> {
  const { apps, core } = apis(env);
  const patch = {
    spec: {
      template: {
        metadata: {
          labels: {
            'sim.punchingfist.io/fault': 'crashloop',
            'sim.punchingfist.io/logs': 'crashloop-db',
          },
        },
        spec: {
          containers: [
            {
              name: 'checkout',
              image: 'registry.example/shop/checkout:1.5.0',
              env: [{ name: 'DATABASE_URL', value: 'postgres://db.payments.svc:5433/checkout' }],
            },
          ],
        },
      },
    },
  };
  await apps.patchNamespacedDeployment(
    { name: 'checkout', namespace: ns, body: patch },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  await until(
    'a crash-looping pod',
    async () => {
      const pods = await core.listNamespacedPod({ namespace: ns });
      const looping = pods.items.filter(
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      );
      return looping.length > 0 ? looping.length : undefined;
    },
    60_000,
  );
  console.log('  checkout 1.5.0 rolled out: new pods are in CrashLoopBackOff');
}

async function waitForAlert(env: TestenvEnv): Promise<void> {
  const url = `${env.ALERTMANAGER_URL}/api/v2/alerts?filter=${encodeURIComponent(`namespace="${ns}"`)}`;
  const names = await until(
    'an alert from Alertmanager',
    async () => {
      const alerts = (await (await fetch(url)).json()) as { labels: Record<string, string> }[];
      const found = alerts
        .map((a) => a.labels.alertname)
        .filter((n): n is string => n !== undefined);
      return found.length > 0 ? [...new Set(found)] : undefined;
    },
    180_000,
  );
  console.log(`  Alertmanager has: ${names.join(', ')}`);
}

function investigate(env: TestenvEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, 'bin/punchingfist.js'),
        'investigate',
        'deployment/checkout',
        '-n',
        ns,
        '--llm',
        'none',
      ],
      {
        stdio: 'inherit',
        env: { ...process.env, KUBECONFIG: env.KUBECONFIG, REDIS_URL: env.REDIS_URL },
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const wasRunning = current() !== undefined;
  const env = await phase(
    'start the test environment (Redis, Kubernetes with 3 nodes, alerting chain)',
    () => up({ alerting: true, log: (line) => console.log(`  ${line}`) }),
  );
  const stop = async () => {
    // Stop only what the demo started: an environment that was up before stays up.
    if (!keep && !wasRunning) await down((line) => console.log(`  ${line}`));
  };
  process.once('SIGINT', () => {
    console.log('\ninterrupted: stopping what the demo started');
    void stop().then(() => process.exit(130));
  });
  try {
    await phase('deploy checkout 1.4.2 (3 replicas)', () => deployHealthy(env));
    await phase('roll out checkout 1.5.0, which crash-loops', () => rollOutBadVersion(env));
    await phase('wait for the real alert (kube-state-metrics → Prometheus → Alertmanager)', () =>
      waitForAlert(env),
    );
    const code = await phase(
      'investigate: punchingfist investigate deployment/checkout -n demo --llm none',
      () => investigate(env),
    );
    console.log('\nphase timings:');
    for (const [name, ms] of timings)
      console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
    if (keep)
      console.log(
        `\nthe environment is still running: export $(cat .testenv/env); npm run testenv:down stops it`,
      );
    return code;
  } finally {
    await stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('demo failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
