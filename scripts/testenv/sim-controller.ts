/**
 * The test cluster's log simulator: for every pod labelled
 * sim.punchingfist.io/logs=<name>, it creates a kwok `Logs` object so that
 * the kubelet-like log endpoint (`kubectl logs`, with or without
 * `--previous`) serves the file <sim-logs dir>/<name>[.log]. kwok's
 * ClusterLogs select by namespace and name only, hence this small watcher.
 * The Logs object is owned by its pod, so garbage collection removes it.
 *
 * Run by testenv as a daemon: tsx sim-controller.ts <kubeconfig> <sim-logs dir>
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';

const logsLabel = 'sim.punchingfist.io/logs';

export function logFileFor(simLogsDir: string, name: string): string | undefined {
  const candidates = [path.join(simLogsDir, name), path.join(simLogsDir, `${name}.log`)];
  return candidates.find((file) => path.dirname(file) === simLogsDir && existsSync(file));
}

const criLine = /^\S+ (stdout|stderr) [FP] /;
const leadingTimestamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))\s/;

/**
 * kwok serves logs in the CRI log format (`<RFC3339> stdout F <line>`); the
 * fixtures are plain lines, as people write them. A line that starts with a
 * timestamp keeps it; others get the file's modification time.
 */
export function toCriLog(text: string, fallback: Date): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      if (criLine.test(line)) return line;
      const stamp = leadingTimestamp.exec(line)?.[1];
      const time =
        stamp !== undefined && !Number.isNaN(Date.parse(stamp)) ? new Date(stamp) : fallback;
      return `${time.toISOString()} stdout F ${line}`;
    })
    .join('\n')
    .concat('\n');
}

function criFile(simLogsDir: string, source: string): string {
  const dir = path.join(simLogsDir, '.cri');
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(source));
  writeFileSync(target, toCriLog(readFileSync(source, 'utf8'), statSync(source).mtime));
  return target;
}

function logsObject(pod: k8s.V1Pod, file: string): Record<string, unknown> {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Logs',
    metadata: {
      name: pod.metadata?.name,
      namespace: pod.metadata?.namespace,
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name, uid: pod.metadata?.uid },
      ],
    },
    spec: {
      logs: [
        {
          containers: (pod.spec?.containers ?? []).map((c) => c.name),
          logsFile: file,
          previousLogsFile: file,
          follow: false,
        },
      ],
    },
  };
}

async function ensureLogs(api: k8s.CustomObjectsApi, simLogsDir: string, pod: k8s.V1Pod) {
  const name = pod.metadata?.labels?.[logsLabel];
  const namespace = pod.metadata?.namespace;
  if (name === undefined || namespace === undefined) return;
  const source = logFileFor(simLogsDir, name);
  if (source === undefined) {
    console.error(
      `sim-controller: no log file "${name}" in ${simLogsDir} for ${namespace}/${pod.metadata?.name}`,
    );
    return;
  }
  const file = criFile(simLogsDir, source);
  try {
    await api.createNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      namespace,
      plural: 'logs',
      body: logsObject(pod, file),
    });
    console.log(`sim-controller: logs ${namespace}/${pod.metadata?.name} <- ${file}`);
  } catch (err) {
    if (err instanceof k8s.ApiException && err.code === 409) return;
    console.error(`sim-controller: creating logs for ${namespace}/${pod.metadata?.name}:`, err);
  }
}

async function main(kubeconfig: string, simLogsDir: string): Promise<void> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const informer = k8s.makeInformer(
    kc,
    `/api/v1/pods?labelSelector=${encodeURIComponent(logsLabel)}`,
    () => core.listPodForAllNamespaces({ labelSelector: logsLabel }),
    logsLabel,
  );
  const onPod = (pod: k8s.V1Pod) => {
    void ensureLogs(custom, simLogsDir, pod);
  };
  informer.on('add', onPod);
  informer.on('update', onPod);
  informer.on('error', (err: unknown) => {
    console.error('sim-controller: watch error, restarting in 1s:', err);
    setTimeout(() => {
      informer.start().catch((e: unknown) => console.error('sim-controller: restart failed', e));
    }, 1_000);
  });
  await informer.start();
  console.log('sim-controller: watching pods labelled', logsLabel);
}

const [kubeconfig, simLogsDir] = process.argv.slice(2);
if (kubeconfig !== undefined && simLogsDir !== undefined) {
  main(kubeconfig, path.resolve(simLogsDir)).catch((err: unknown) => {
    console.error('sim-controller: fatal', err);
    process.exit(1);
  });
}
