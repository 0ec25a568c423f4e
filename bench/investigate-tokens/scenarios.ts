import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';

/**
 * The token bench's scenarios in the test cluster, one namespace each,
 * built like the investigate scenario suite (plain manifests and the
 * simulator's sim.punchingfist.io/* labels): a crash loop after a bad
 * config rollout, an OOMKilled container, a missing ConfigMap.
 *
 * Sized like real incidents rather than minimal repros: the failing
 * Deployment has production replica counts (4-6), its namespace holds a few
 * healthy neighbour workloads (so listing pods or ReplicaSets returns what a
 * real namespace would), and crashed containers serve a realistic previous
 * log of a few hundred lines (test/fixtures/sim-logs/crashloop-payments-db.log,
 * oom-report-worker.log). The cluster load stays modest (at most ~14 kwok pods
 * at a time: the scenarios run one after another).
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

/** The log fixtures the scenarios name, copied into the running test environment's sim-logs directory. */
const logFixtures = ['crashloop-payments-db.log', 'oom-report-worker.log'];

export function seedScenarioLogs(kubeconfig: string): void {
  const simLogs = path.join(path.dirname(kubeconfig), 'sim-logs');
  mkdirSync(simLogs, { recursive: true });
  const fixtures = path.join(import.meta.dirname, '../../test/fixtures/sim-logs');
  for (const file of logFixtures) copyFileSync(path.join(fixtures, file), path.join(simLogs, file));
}

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
          containers: [
            {
              name: 'app',
              image: `registry.example/${name}:1.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { memory: '256Mi' },
              },
              ...spec.container,
            },
          ],
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

async function ready(c: ScenarioCluster, ns: string, name: string, replicas: number) {
  await until(`${name} ${replicas}/${replicas} ready`, async () =>
    (await c.apps.readNamespacedDeployment({ name, namespace: ns })).status?.readyReplicas ===
    replicas
      ? true
      : undefined,
  );
}

/** Healthy workloads that share the namespace with the failing one, two pods each. */
async function neighbours(c: ScenarioCluster, ns: string, names: readonly string[]) {
  for (const name of names)
    await c.apps.createNamespacedDeployment({ namespace: ns, body: app(name, { replicas: 2 }) });
  for (const name of names) await ready(c, ns, name, 2);
}

const env = (vars: Record<string, string>) =>
  Object.entries(vars).map(([name, value]) => ({ name, value }));

export async function badConfigRollout(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'rollout');
  await neighbours(c, ns, ['ledger', 'notifications', 'fraud-scoring']);
  const container = (dbHost: string): Partial<k8s.V1Container> => ({
    env: env({
      SPRING_PROFILES_ACTIVE: 'prod,kubernetes',
      DATABASE_URL: `jdbc:postgresql://${dbHost}:5432/payments?sslmode=require`,
      KAFKA_BOOTSTRAP_SERVERS: 'kafka-0.kafka.messaging.svc:9092,kafka-1.kafka.messaging.svc:9092',
      REDIS_HOST: 'redis-master.cache.svc',
      JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75',
    }),
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '768Mi' } },
  });
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('payments', { replicas: 6, container: container('db.payments.svc') }),
  });
  await ready(c, ns, 'payments', 6);
  const bad = app('payments', {
    replicas: 6,
    podLabels: { [fault]: 'crashloop', [logs]: 'crashloop-payments-db' },
    container: container('db.payment.svc'),
  });
  await c.apps.replaceNamespacedDeployment({ name: 'payments', namespace: ns, body: bad });
  const pod = await podWhere(c, ns, 'a crash loop', waiting('CrashLoopBackOff'));
  return {
    name: 'crash loop after a bad config rollout',
    namespace: ns,
    deployment: 'payments',
    pod,
    category: 'StuckRollout',
    rootCause:
      'revision 2 changed the DATABASE_URL host to db.payment.svc, which does not resolve (UnknownHostException)',
    previousLogs: true,
  };
}

export async function oomKilledApp(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'oom');
  await neighbours(c, ns, ['reports-api', 'scheduler', 'pdf-renderer']);
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('report-worker', {
      replicas: 4,
      podLabels: { [fault]: 'oomkilled', [logs]: 'oom-report-worker' },
      container: {
        env: env({
          WORKER_CONCURRENCY: '4',
          BROKER_URL: 'amqp://rabbitmq.messaging.svc:5672/reports',
          REPORTS_BUCKET: 'reports-prod',
        }),
        resources: { limits: { memory: '64Mi' }, requests: { cpu: '200m', memory: '32Mi' } },
      },
    }),
  });
  const pod = await podWhere(c, ns, 'an OOMKilled container', oomKilled);
  return {
    name: 'OOMKilled',
    namespace: ns,
    deployment: 'report-worker',
    pod,
    category: 'OOMKilled',
    rootCause: 'the worker exceeds its 64Mi memory limit while rendering large ledger exports',
    previousLogs: true,
  };
}

export async function missingConfigMap(c: ScenarioCluster): Promise<Scenario> {
  const ns = await namespace(c, 'configmap');
  await neighbours(c, ns, ['cart', 'catalog', 'storefront']);
  await c.core.createNamespacedConfigMap({
    namespace: ns,
    body: {
      metadata: { name: 'checkout-config' },
      data: { CURRENCY: 'EUR', PSP_BASE_URL: 'https://psp.example.net/v2', TAX_MODE: 'inclusive' },
    },
  });
  const container = (configMap: string): Partial<k8s.V1Container> => ({
    envFrom: [{ configMapRef: { name: configMap } }],
    env: env({ CART_URL: 'http://cart:8080', CATALOG_URL: 'http://catalog:8080' }),
  });
  await c.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', { replicas: 4, container: container('checkout-config') }),
  });
  await ready(c, ns, 'checkout', 4);
  // Revision 2 renames the ConfigMap it reads, but the new one was never created.
  await c.apps.replaceNamespacedDeployment({
    name: 'checkout',
    namespace: ns,
    body: app('checkout', {
      replicas: 4,
      podLabels: { [fault]: 'configerror' },
      container: container('checkout-settings'),
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
    rootCause:
      'revision 2 reads ConfigMap checkout-settings through envFrom, and it does not exist',
    previousLogs: false,
  };
}

export async function deleteScenario(c: ScenarioCluster, s: Scenario): Promise<void> {
  await c.core.deleteNamespace({ name: s.namespace }).catch(() => undefined);
}
