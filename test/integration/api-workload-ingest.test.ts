import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createKubeSecretReader } from '../../src/adapters/kube/kube-secret-reader.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource, type Source } from '../../src/core/resources/index.ts';
import { type IngestHarness, startIngest } from '../support/ingest.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';

/**
 * Ingest that asks the real API server: `dedup.key: workload` joins alerts
 * about the pods of one Deployment into one run, classification reads the
 * namespace's environment label, and the api Source maps any JSON body
 * into an event — through the real handler, Redis and BullMQ.
 */
const env = inject('testenv');
const token = 'tok-api-77';
const { k, ns } = testNamespace(env.KUBECONFIG, 'api-ingest');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let ingest: IngestHarness;
let jobs: Queue;
let pods: string[];

function source(name: string, spec: Record<string, unknown>): Source {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name, namespace: ns },
    spec: {
      workflowRef: { name: 'triage' },
      auth: { type: 'bearer', secretKeyRef: { name: 'hook', key: 'token' } },
      ...spec,
    },
  });
  if (!r.ok || r.resource.kind !== 'Source') throw new Error(JSON.stringify(r));
  return r.resource;
}

const mapping = {
  summary: '{{body.check}} failed on {{body.service}}',
  severity: '$.level',
  namespace: '$.ns',
  target: '$.object',
  fingerprint: '$.id',
  labels: { team: '$.owner.team', service: '$.service' },
};

beforeAll(async () => {
  await k.core.patchNamespace({
    name: ns,
    body: [{ op: 'add', path: '/metadata/labels/environment', value: 'production' }],
  });
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'hook' }, stringData: { token, password: 'pw-9' } },
  });
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'checkout' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'checkout' } },
        template: {
          metadata: { labels: { app: 'checkout' } },
          spec: { containers: [{ name: 'app', image: 'shop/checkout:1' }] },
        },
      },
    },
  });
  pods = await eventually('3 checkout pods', async () => {
    const list = await k.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=checkout' });
    return list.items.length === 3 ? list.items.map((p) => p.metadata?.name ?? '') : undefined;
  });
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'api-ingest'));
  ingest = await startIngest(redis, prefix, createKubeSecretReader(k.core, systemClock), {
    cluster: createKubeCluster(k.kc),
  });
  ingest.registry.put(source('am-wl', { type: 'alertmanager', dedup: { key: 'workload' } }));
  ingest.registry.put(
    source('hook', {
      type: 'api',
      path: '/hooks/checks',
      api: { mapping },
      filters: { severities: ['critical', 'warning'] },
    }),
  );
  ingest.registry.put(
    source('basic', {
      type: 'api',
      auth: { type: 'basic', username: 'ci', secretKeyRef: { name: 'hook', key: 'password' } },
      api: { mapping: { summary: '$.title' } },
    }),
  );
  jobs = runsQueue(redis, prefix);
}, 120_000);
afterAll(async () => {
  await jobs?.close();
  await ingest?.close();
  await cleanup?.();
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const postJson = (path: string, value: unknown, headers: Record<string, string> = {}) =>
  post(path, JSON.stringify(value), headers);
const jobCount = async () => Object.values(await jobs.getJobCounts()).reduce((a, b) => a + b, 0);
const runIdOf = (body: Record<string, unknown>) =>
  (body.runs as { runId: string }[] | undefined)?.[0]?.runId ?? '';

const podAlert = (pod: string, severity = 'critical') => ({
  version: '4',
  groupKey: `{}:{pod="${pod}"}`,
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'punchingfist',
  groupLabels: { pod },
  commonLabels: { alertname: 'KubePodCrashLooping', namespace: ns, pod, severity },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'KubePodCrashLooping', namespace: ns, pod, severity },
      annotations: {},
      startsAt: '2026-11-22T03:14:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: '',
      fingerprint: `fp-${pod}`,
    },
  ],
});

describe('dedup.key workload and classification', () => {
  it('joins alerts about three pods of one Deployment into one classified run', async () => {
    const path = `/webhooks/${ns}/am-wl`;
    const [a, b, c] = pods;
    const first = await postJson(path, podAlert(a ?? ''));
    expect(first.status).toBe(202);
    const runId = runIdOf(first.body);
    const second = await postJson(path, podAlert(b ?? ''));
    const third = await postJson(path, podAlert(c ?? ''));
    expect([second.status, third.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ deduplicated: true, runs: [{ runId, occurrences: 2 }] });
    expect(third.body).toMatchObject({ deduplicated: true, runs: [{ runId, occurrences: 3 }] });
    const job = await jobs.getJob(runId);
    expect(job?.data.event).toMatchObject({ environment: 'production', priority: 'P1' });
    expect(await jobCount()).toBe(1);
  });

  it('falls back to the group, counted by reason, when the pod cannot be found', async () => {
    const path = `/webhooks/${ns}/am-wl`;
    const gone = await postJson(path, podAlert('checkout-gone-1', 'warning'));
    expect(gone.status).toBe(202);
    const again = await postJson(path, podAlert('checkout-gone-1', 'warning'));
    expect(again.body).toMatchObject({ deduplicated: true, runs: [{ runId: runIdOf(gone.body) }] });
    const other = await postJson(path, podAlert('checkout-gone-2', 'warning'));
    expect(other.status).toBe(202);
    const job = await jobs.getJob(runIdOf(gone.body));
    expect(job?.data.event).toMatchObject({ environment: 'production', priority: 'P3' });
    expect(await ingest.metrics.metrics()).toContain(
      `punchingfist_ingest_workload_unresolved_total{source="${ns}/am-wl",reason="pod-not-found"} 3`,
    );
  });
});

describe('api Source', () => {
  const check = (id: string, level = 'critical') => ({
    id,
    check: 'http-probe',
    service: 'checkout',
    level,
    ns,
    object: 'deployment/checkout',
    owner: { team: 'payments' },
  });

  it('maps the body into an event, enqueues one run, and deduplicates a repeat', async () => {
    const before = await jobCount();
    const first = await postJson(`/webhooks/${ns}/hook`, check('c-1'));
    expect(first.status).toBe(202);
    const job = await jobs.getJob(runIdOf(first.body));
    expect(job?.data.event).toMatchObject({
      source: { namespace: ns, name: 'hook', type: 'api' },
      title: 'http-probe failed on checkout',
      severity: 'critical',
      status: 'firing',
      environment: 'production',
      priority: 'P1',
      labels: {
        team: 'payments',
        service: 'checkout',
        namespace: ns,
        deployment: 'checkout',
        target: 'deployment/checkout',
      },
    });
    const repeat = await postJson('/hooks/checks', check('c-1'));
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ deduplicated: true, runs: [{ occurrences: 2 }] });
    const filtered = await postJson('/hooks/checks', check('c-2', 'info'));
    expect(filtered).toMatchObject({ status: 200, body: { accepted: false, filtered: 1 } });
    expect(await jobCount()).toBe(before + 1);
  });

  it('accepts basic auth from the Secret', async () => {
    const auth = `Basic ${Buffer.from('ci:pw-9').toString('base64')}`;
    const ok = await postJson(
      `/webhooks/${ns}/basic`,
      { title: 'nightly failed' },
      { authorization: auth },
    );
    expect(ok.status).toBe(202);
  });

  type Case = [name: string, send: () => ReturnType<typeof post>, status: number, says: RegExp];
  const hook = () => `/webhooks/${ns}/hook`;
  const basic = () => `/webhooks/${ns}/basic`;
  const cases: Case[] = [
    ['malformed JSON', () => post(hook(), '{"id":'), 400, /not valid JSON/],
    ['empty body', () => post(hook(), ''), 400, /not valid JSON/],
    [
      'summary maps to nothing',
      () => postJson(basic(), { name: 'x' }, basicAuth()),
      400,
      /^mapping\.summary: \$\.title matched nothing/,
    ],
    ['a bare string', () => post(basic(), '"hi"', basicAuth()), 400, /^mapping\.summary:/],
    [
      'summary over 1024 chars',
      () => postJson(basic(), { title: 'x'.repeat(1100) }, basicAuth()),
      400,
      /^mapping\.summary:/,
    ],
    [
      'severity too long',
      () => postJson(hook(), { ...check('c-9'), level: 'x'.repeat(70) }),
      400,
      /^mapping\.severity:/,
    ],
    [
      'namespace not a name',
      () => postJson(hook(), { ...check('c-9'), ns: 'Bad NS' }),
      400,
      /^mapping\.namespace: must be a namespace name/,
    ],
    [
      'target not kind/name',
      () => postJson(hook(), { ...check('c-9'), object: 'checkout' }),
      400,
      /^mapping\.target: must be kind\/name/,
    ],
    [
      'label value too long',
      () => postJson(hook(), { ...check('c-9'), owner: { team: 'y'.repeat(2000) } }),
      400,
      /^mapping\.labels\.team:/,
    ],
    [
      'wrong content type',
      () => post(hook(), '{}', { 'content-type': 'text/plain' }),
      415,
      /content-type must be application\/json/,
    ],
    [
      'missing auth',
      () => post(hook(), '{}', { authorization: '' }),
      401,
      /missing Authorization|invalid bearer/,
    ],
    [
      'wrong token',
      () => postJson(hook(), check('c-9'), { authorization: 'Bearer nope' }),
      401,
      /invalid bearer token/,
    ],
    [
      'wrong password',
      () =>
        postJson(
          basic(),
          { title: 't' },
          { authorization: `Basic ${Buffer.from('ci:no').toString('base64')}` },
        ),
      401,
      /invalid basic credentials/,
    ],
    [
      'oversize',
      () => postJson(hook(), { ...check('c-9'), pad: 'z'.repeat(1024 * 1024) }),
      413,
      /body larger than/,
    ],
  ];
  function basicAuth() {
    return { authorization: `Basic ${Buffer.from('ci:pw-9').toString('base64')}` };
  }

  it(`answers each of ${cases.length} bad requests with its 4xx naming the problem and enqueues nothing`, async () => {
    const before = await jobCount();
    for (const [name, send, status, says] of cases) {
      const res = await send();
      expect({ name, status: res.status }).toEqual({ name, status });
      expect({ name, message: String(res.body.message) }).toEqual({
        name,
        message: expect.stringMatching(says),
      });
    }
    expect(await jobCount()).toBe(before);
    expect((await postJson(hook(), check('c-ok'))).status).toBe(202);
  });
});
