import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';

/**
 * The token bench's scenarios in the test cluster, one namespace each,
 * built like the investigate scenario suite (plain manifests and the
 * simulator's sim.punchingfist.io/* labels): a crash loop after a bad
 * config rollout, an OOMKilled container, a missing ConfigMap.
 */
export interface Scenario {
  readonly name: string;
  readonly namespace: string;
  readonly deployment: string;
  /** A failing pod of the scenario, found once it fails. */
  readonly pod: string;
  /** The report the scripted model hands in (valid against the report schema). */
  readonly category: string;
  readonly rootCause: string;
  /** Whether the failing container has a previous (crashed) instance to read logs of. */
  readonly previousLogs: boolean;
}

const fault = 'sim.punchingfist.io/fault';
const logs = 'sim.punchingfist.io/logs';

interface AppSpec {
  readonly replicas?: number;
  readonly podLabels?: Record<string, string>;
  readonly container?: Partial<k8s.V1Container>;
}

function app(name: string, spec: AppSpec): k8s.V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas: spec.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...spec.podLabels } },
        spec: {
          containers: [{ name: 'app', image: `registry.example/${name}:1.0`, ...spec.container }],
        },
      },
    },
  };
}

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 480; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ScenarioCluster {
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
}

export function scenarioCluster(kc: k8s.KubeConfig): ScenarioCluster {
  return { core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api) };
}

async function namespace(c: ScenarioCluster, prefix: string): Promise<string> {
  const name = `bench-tok-${prefix}-${randomBytes(3).toString('hex')}`;
  await c.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

type Waiting = (p: k8s.V1Pod) => boolean;
const waiting =
  (reason: string): Waiting =>
  (p) =>
    p.status?.containerStatuses?.some((s) => s.state?.waiting?.reason === reason) ?? false;
const oomKilled: Waiting = (p) =>
  p.status?.containerStatuses?.some(
    (s) =>
      s.lastState?.terminated?.reason === 'OOMKilled' ||
      s.state?.terminated?.reason === 'OOMKilled',
  ) ?? false;

async function podWhere(c: ScenarioCluster, ns: string, what: string, test: Waiting) {
  const pod = await until(what, async () =>
    (await c.core.listNamespacedPod({ namespace: ns })).items.find(test),
  );
  return pod.metadata?.name ?? '';
}

export async function badConfigRollout(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'rollout');
  const env = (host: string) => ({ env: [{ name: 'DB_HOST', value: host }] });
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('web', { replicas: 3, container: env('db.payments.svc') }),
  });
  await until('web 3/3 ready', async () =>
    (await c.apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status
      ?.readyReplicas === 3
      ? true
      : undefined,
  );
  const bad = app('web', {
    replicas: 3,
    podLabels: { [fault]: 'crashloop', [logs]: 'crashloop-db' },
    container: env('db.payment.svc'),
  });
  await c.apps.replaceNamespacedDeployment({ name: 'web', namespace: ns, body: bad });
  const pod = await podWhere(c, ns, 'a crash loop', waiting('CrashLoopBackOff'));
  return {
    name: 'crash loop after a bad config rollout',
    namespace: ns,
    deployment: 'web',
    pod,
    category: 'StuckRollout',
    rootCause: 'revision 2 changed DB_HOST to db.payment.svc, which does not resolve',
    previousLogs: true,
  };
}

export async function oomKilledApp(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'oom');
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('api', {
      podLabels: { [fault]: 'oomkilled' },
      container: { resources: { limits: { memory: '64Mi' }, requests: { memory: '32Mi' } } },
    }),
  });
  const pod = await podWhere(c, ns, 'an OOMKilled container', oomKilled);
  return {
    name: 'OOMKilled',
    namespace: ns,
    deployment: 'api',
    pod,
    category: 'OOMKilled',
    rootCause: 'the container exceeds its 64Mi memory limit',
    previousLogs: true,
  };
}

export async function missingConfigMap(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'configmap');
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', {
      podLabels: { [fault]: 'configerror' },
      container: { envFrom: [{ configMapRef: { name: 'checkout-settings' } }] },
    }),
  });
  const pod = await podWhere(
    c,
    ns,
    'CreateContainerConfigError',
    waiting('CreateContainerConfigError'),
  );
  return {
    name: 'missing ConfigMap',
    namespace: ns,
    deployment: 'checkout',
    pod,
    category: 'CreateContainerConfigError',
    rootCause: 'ConfigMap checkout-settings, referenced by envFrom, does not exist',
    previousLogs: false,
  };
}

export async function deleteScenario(c: ScenarioCluster, s: Scenario): Promise<void> {
  await c.core.deleteNamespace({ name: s.namespace }).catch(() => undefined);
}
