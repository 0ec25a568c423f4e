import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';

/** Clients for the test cluster. Tests construct their own; src/ gets them through deps. */
export interface Kube {
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly batch: k8s.BatchV1Api;
  readonly custom: k8s.CustomObjectsApi;
}

export function kube(kubeconfig: string): Kube {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    batch: kc.makeApiClient(k8s.BatchV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}

const namespaceName = (prefix: string) =>
  `${prefix}-${randomBytes(3).toString('hex')}`.toLowerCase().slice(0, 63);

async function createNamed(k: Kube, name: string): Promise<void> {
  await k.core.createNamespace({
    body: { metadata: { name, labels: { 'punchingfist.io/test': 'true' } } },
  });
}

/** A namespace of the test file's own, so files never see each other's objects. */
export async function createNamespace(k: Kube, prefix: string): Promise<string> {
  const name = namespaceName(prefix);
  await createNamed(k, name);
  return name;
}

export async function deleteNamespace(k: Kube, name: string): Promise<void> {
  await k.core.deleteNamespace({ name }).catch(() => undefined);
}

/**
 * A test file's cluster: clients for the test cluster and a namespace of the
 * file's own. Call it at the top of the file: the namespace is created before
 * the file's other set-up and deleted after its other clean-up (the hooks
 * registered first run first before and last after).
 */
export function testNamespace(kubeconfig: string, prefix: string): { k: Kube; ns: string } {
  const k = kube(kubeconfig);
  const ns = namespaceName(prefix);
  beforeAll(() => createNamed(k, ns));
  afterAll(() => deleteNamespace(k, ns));
  return { k, ns };
}

/** Polls until `check` returns a value (not undefined); fails with the last seen state. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

export function podSpec(image: string, extra: Partial<k8s.V1PodSpec> = {}): k8s.V1PodSpec {
  return { containers: [{ name: 'app', image }], ...extra };
}
