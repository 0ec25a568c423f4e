import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import YAML from 'yaml';
import { repoRoot } from '../testenv/paths.ts';
import { until } from './until.ts';

/** The demo's sample app in the kwok cluster: checkout, healthy at 1.4.2, broken at 1.5.0. */
export const demoNamespace = 'demo';
export const goodImage = 'registry.example/shop/checkout:1.4.2';

export interface DemoCluster {
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
}

export function demoCluster(kubeconfig: string): DemoCluster {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return { core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api) };
}

/** A fresh namespace (labelled production) with the webhook's bearer token in a Secret. */
export async function freshNamespace(cluster: DemoCluster, webhookToken: string): Promise<void> {
  const { core } = cluster;
  await core.deleteNamespace({ name: demoNamespace }).catch(() => undefined);
  await until(
    'the old demo namespace to go',
    async () => {
      const list = await core.listNamespace({ fieldSelector: `metadata.name=${demoNamespace}` });
      return list.items.length === 0 ? true : undefined;
    },
    120_000,
  );
  await core.createNamespace({
    body: { metadata: { name: demoNamespace, labels: { environment: 'production' } } },
  });
  await core.createNamespacedSecret({
    namespace: demoNamespace,
    body: {
      metadata: { name: 'punchingfist-webhook' },
      stringData: { token: webhookToken },
    },
  });
}

async function readyWith(cluster: DemoCluster, image: string): Promise<true | undefined> {
  const d = await cluster.apps.readNamespacedDeployment({
    name: 'checkout',
    namespace: demoNamespace,
  });
  const current = d.spec?.template.spec?.containers[0]?.image;
  const s = d.status;
  const done =
    current === image &&
    s?.observedGeneration === d.metadata?.generation &&
    s?.updatedReplicas === 3 &&
    s?.readyReplicas === 3 &&
    (s?.replicas ?? 0) === 3;
  return done ? true : undefined;
}

export async function deployHealthy(cluster: DemoCluster): Promise<void> {
  const body = YAML.parse(
    readFileSync(path.join(repoRoot, 'scripts/demo/checkout.yaml'), 'utf8'),
  ) as k8s.V1Deployment;
  await cluster.apps.createNamespacedDeployment({ namespace: demoNamespace, body });
  await waitHealthy(cluster, 120_000);
}

/** Resolves once checkout runs the good image with 3/3 Ready. */
export function waitHealthy(cluster: DemoCluster, timeoutMs: number): Promise<true> {
  return until('checkout 1.4.2 with 3/3 Ready', () => readyWith(cluster, goodImage), timeoutMs);
}

export async function isHealthy(cluster: DemoCluster): Promise<boolean> {
  return (await readyWith(cluster, goodImage).catch(() => undefined)) === true;
}

export async function rollOutBadVersion(cluster: DemoCluster): Promise<number> {
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
  await cluster.apps.patchNamespacedDeployment(
    { name: 'checkout', namespace: demoNamespace, body: patch },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  return until(
    'a crash-looping checkout pod',
    async () => {
      const pods = await cluster.core.listNamespacedPod({ namespace: demoNamespace });
      const looping = pods.items.filter(
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      );
      return looping.length > 0 ? looping.length : undefined;
    },
    60_000,
  );
}
