import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the test environment keeps its files, and where the Go-built binaries are cached. */
export interface TestenvPaths {
  readonly root: string;
  readonly dir: string;
  readonly envFile: string;
  readonly stateFile: string;
  readonly kubeconfig: string;
  readonly logs: string;
  readonly simLogs: string;
  readonly kwokWorkdir: string;
  readonly bin: Binaries;
  readonly kubeVersion: string;
  readonly kwokVersion: string;
}

/** The Go-built binaries, each cached in a folder named by its version. */
export interface Binaries {
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubeScheduler: string;
  readonly kubectl: string;
  readonly kwok: string;
  readonly kwokctl: string;
  readonly kubeStateMetrics: string;
  readonly etcd: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** versions.sh is the one place versions live; the shell build script sources it too. */
export function readVersions(root = repoRoot): Record<string, string> {
  const script = `source "${path.join(root, 'scripts/testenv/versions.sh')}"; printf '%s\\n' "KUBE_VERSION=$KUBE_VERSION" "KWOK_VERSION=$KWOK_VERSION" "PF_KUBE_BIN=$PF_KUBE_BIN" "PF_KWOK_BIN=$PF_KWOK_BIN" "PF_KSM_BIN=$PF_KSM_BIN" "PF_ETCD_BIN=$PF_ETCD_BIN"`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const eq = line.indexOf('=');
        return [line.slice(0, eq), line.slice(eq + 1)];
      }),
  );
}

export function testenvPaths(root = repoRoot): TestenvPaths {
  const v = readVersions(root);
  const dir = path.join(root, '.testenv');
  return {
    root,
    dir,
    envFile: path.join(dir, 'env'),
    stateFile: path.join(dir, 'state.json'),
    kubeconfig: path.join(dir, 'kubeconfig'),
    logs: path.join(dir, 'logs'),
    simLogs: path.join(dir, 'sim-logs'),
    kwokWorkdir: path.join(dir, 'kwok'),
    bin: {
      kubeApiserver: path.join(v.PF_KUBE_BIN ?? '', 'kube-apiserver'),
      kubeControllerManager: path.join(v.PF_KUBE_BIN ?? '', 'kube-controller-manager'),
      kubeScheduler: path.join(v.PF_KUBE_BIN ?? '', 'kube-scheduler'),
      kubectl: path.join(v.PF_KUBE_BIN ?? '', 'kubectl'),
      kwok: path.join(v.PF_KWOK_BIN ?? '', 'kwok'),
      kwokctl: path.join(v.PF_KWOK_BIN ?? '', 'kwokctl'),
      kubeStateMetrics: path.join(v.PF_KSM_BIN ?? '', 'kube-state-metrics'),
      etcd: path.join(v.PF_ETCD_BIN ?? '', 'etcd'),
    },
    kubeVersion: v.KUBE_VERSION ?? '',
    kwokVersion: v.KWOK_VERSION ?? '',
  };
}
