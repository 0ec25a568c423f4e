import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { TestenvPaths } from './paths.ts';
import { spawnDaemon, stopProcess, waitFor } from './process.ts';
import { buildStages } from './stages.ts';

export const clusterName = 'punchingfist';

function kwokEnv(paths: TestenvPaths): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KWOK_WORKDIR: paths.kwokWorkdir,
    KWOK_KUBE_VERSION: paths.kubeVersion,
    KWOK_RUNTIME: 'binary',
    // Never let kwokctl download anything: every binary is a local path.
    KWOK_KUBECTL_BINARY: paths.bin.kubectl,
  };
}

export function kwokctl(paths: TestenvPaths, args: readonly string[]): string {
  return execFileSync(paths.bin.kwokctl, ['--name', clusterName, ...args], {
    env: kwokEnv(paths),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function kubectl(paths: TestenvPaths, args: readonly string[], input?: string): string {
  return execFileSync(paths.bin.kubectl, ['--kubeconfig', paths.kubeconfig, ...args], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export async function apiserverReady(paths: TestenvPaths): Promise<boolean> {
  if (!existsSync(paths.kubeconfig)) return false;
  try {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(paths.kubeconfig);
    const out = kubectl(paths, ['get', '--raw', '/readyz', '--request-timeout=3s']);
    return out.trim() === 'ok';
  } catch {
    return false;
  }
}

export async function createCluster(paths: TestenvPaths): Promise<void> {
  mkdirSync(paths.kwokWorkdir, { recursive: true });
  const stagesFile = path.join(paths.dir, 'kwok-config.yaml');
  // Every component listens on loopback only (kwokctl's default is 0.0.0.0).
  // The one controller-manager and scheduler need no leader election: with it,
  // an API server restart (a test of watch recovery) longer than the lease's
  // renew deadline makes them exit for good, and nothing runs pods any more.
  const noLeaderElection = (name: string) => [
    `  - name: ${name}`,
    '    extraArgs:',
    '      - { key: leader-elect, value: "false" }',
  ];
  const loopbackOnly = [
    'apiVersion: config.kwok.x-k8s.io/v1alpha1',
    'kind: KwokctlConfiguration',
    'options:',
    '  bindAddress: 127.0.0.1',
    'componentsPatches:',
    ...noLeaderElection('kube-controller-manager'),
    ...noLeaderElection('kube-scheduler'),
  ].join('\n');
  const stages = buildStages(paths.kwokVersion, path.join(paths.root, 'scripts/testenv/stages'));
  writeFileSync(stagesFile, `${loopbackOnly}\n---\n${stages}`);
  // A stale cluster (e.g. after a reboot) is removed first; ignore "not found".
  try {
    kwokctl(paths, ['delete', 'cluster']);
  } catch {
    // nothing to delete
  }
  kwokctl(paths, [
    'create',
    'cluster',
    '--runtime',
    'binary',
    '--config',
    stagesFile,
    '--enable-crds',
    'Logs',
    '--kubeconfig',
    paths.kubeconfig,
    '--etcd-binary',
    paths.bin.etcd,
    '--kube-apiserver-binary',
    paths.bin.kubeApiserver,
    '--kube-controller-manager-binary',
    paths.bin.kubeControllerManager,
    '--kube-scheduler-binary',
    paths.bin.kubeScheduler,
    '--kwok-controller-binary',
    paths.bin.kwok,
    '--wait',
    '120s',
  ]);
}

export async function ensureNodes(paths: TestenvPaths, count: number): Promise<void> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(paths.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const existing = await core.listNode();
  if (existing.items.length < count) kwokctl(paths, ['scale', 'node', '--replicas', String(count)]);
  await waitFor(
    `${count} Ready nodes`,
    async () => {
      const nodes = await core.listNode();
      const ready = nodes.items.filter((n) =>
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length >= count ? true : undefined;
    },
    120_000,
    500,
  );
  // The default ServiceAccount appears shortly after a namespace does; pods need it.
  await waitFor(
    'default service account',
    async () => {
      const sas = await core.listNamespacedServiceAccount({ namespace: 'default' });
      return sas.items.length > 0 ? true : undefined;
    },
    60_000,
  );
}

/** Installs every CRD under crds/ (once the resource model ships them). */
export async function installCrds(paths: TestenvPaths): Promise<number> {
  const dir = path.join(paths.root, 'crds');
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  if (files.length === 0) return 0;
  kubectl(paths, ['apply', '--server-side', '--force-conflicts', '-f', dir]);
  kubectl(paths, [
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    'crd',
    '-l',
    'app.kubernetes.io/part-of=punchingfist',
  ]);
  return files.length;
}

export function deleteCluster(paths: TestenvPaths): void {
  try {
    kwokctl(paths, ['delete', 'cluster']);
  } catch {
    // already gone
  }
}

/**
 * Restarts kube-apiserver with its own command line (for tests of watch
 * recovery): every client's watch connection drops, and comes back to a
 * fresh server. kwokctl's pid file is updated so `down` still stops it.
 */
export async function restartApiserver(paths: TestenvPaths): Promise<void> {
  const clusterDir = path.join(paths.kwokWorkdir, 'clusters', clusterName);
  const pidFile = path.join(clusterDir, 'pids', 'kube-apiserver.pid');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('kube-apiserver command line not readable');
  // kube-apiserver stops listening at once on SIGTERM but may linger on its
  // shutdown hooks; SIGKILL after a short grace.
  await stopProcess(pid, 3_000);
  const next = spawnDaemon(command, args, path.join(clusterDir, 'logs', 'kube-apiserver.log'));
  writeFileSync(pidFile, String(next));
  await waitFor(
    'kube-apiserver ready again',
    async () => ((await apiserverReady(paths)) ? true : undefined),
    60_000,
    250,
  );
}
