import { spawn } from 'node:child_process';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { investigate } from '../../src/core/investigation/investigate.ts';
import type { Finding, Report } from '../../src/core/investigation/report.ts';
import { parseTarget } from '../../src/core/investigation/target.ts';
import { systemClock } from '../../src/core/ports.ts';
import { eventually, type Kube } from './kube.ts';

/** Helpers of the investigate scenario suite: run an investigation in the real cluster, build manifests. */
export async function investigateIn(k: Kube, text: string, namespace: string): Promise<Report> {
  const target = parseTarget(text, namespace);
  if (!target.ok) throw new Error(target.message);
  const result = await investigate(
    { cluster: createKubeCluster(k.kc), clock: systemClock },
    target.target,
  );
  if (!result.ok) throw new Error(result.message);
  return result.report;
}

/**
 * Investigates until the root cause is of the expected category (the
 * cluster converges asynchronously: events and restarts come a little
 * after the status), then returns that report.
 */
export async function rootCauseOf(
  k: Kube,
  text: string,
  namespace: string,
  category: Finding['category'],
): Promise<{ report: Report; root: Finding }> {
  let last: Report | undefined;
  const report = await eventually(
    `${category} as the root cause of ${text}`,
    async () => {
      last = await investigateIn(k, text, namespace);
      return last.findings[0]?.category === category ? last : undefined;
    },
    60_000,
    1_000,
  ).catch((err: unknown) => {
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}; last report: ${JSON.stringify(last?.findings.map((f) => [f.category, f.object, f.summary]))}`,
    );
  });
  const [root] = report.findings;
  if (root === undefined) throw new Error('no finding');
  return { report, root };
}

export function quotes(finding: Finding, source: string, text: string): boolean {
  return finding.evidence.some((e) => e.source === source && e.text.includes(text));
}

export interface AppOptions {
  readonly replicas?: number;
  readonly podLabels?: Record<string, string>;
  readonly container?: Partial<k8s.V1Container>;
  readonly spec?: Partial<k8s.V1PodSpec>;
}

export function app(name: string, options: AppOptions = {}): k8s.V1Deployment {
  const selector = { app: name };
  return {
    metadata: { name },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector, ...options.podLabels } },
        spec: {
          containers: [
            { name: 'app', image: `registry.example/${name}:1.0`, ...options.container },
          ],
          ...options.spec,
        },
      },
    },
  };
}

export async function readyReplicas(
  k: Kube,
  name: string,
  namespace: string,
  count: number,
): Promise<void> {
  await eventually(`${name} ${count}/${count} ready`, async () => {
    const d = await k.apps.readNamespacedDeployment({ name, namespace });
    return d.status?.readyReplicas === count ? true : undefined;
  });
}

export async function podWhere(
  k: Kube,
  namespace: string,
  what: string,
  test: (p: k8s.V1Pod) => boolean,
): Promise<k8s.V1Pod> {
  return eventually(what, async () =>
    (await k.core.listNamespacedPod({ namespace })).items.find(test),
  );
}

export function waitingReason(p: k8s.V1Pod): string | undefined {
  return p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/punchingfist.js <args>` with only PATH, HOME and KUBECONFIG (when given) in its environment. */
export function runCli(args: readonly string[], kubeconfig?: string): Promise<CliRun> {
  const bin = path.join(import.meta.dirname, '../../bin/punchingfist.js');
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KUBECONFIG: kubeconfig,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
