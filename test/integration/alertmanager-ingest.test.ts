import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeSecretReader } from '../../src/adapters/kube/kube-secret-reader.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource, type Source } from '../../src/core/resources/index.ts';
import { type IngestHarness, startIngest } from '../support/ingest.ts';
import { testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';

/**
 * The Alertmanager webhook against real Redis, BullMQ and a Secret on the
 * real API server: one run per group, duplicates joined, resolved recorded,
 * and a table of bad requests that each get a 4xx and enqueue nothing.
 */
const env = inject('testenv');
const token = 'tok-3f9a1c';
const { k, ns } = testNamespace(env.KUBECONFIG, 'ingest');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let ingest: IngestHarness;
let jobs: Queue;

function source(name: string, spec: Record<string, unknown> = {}): Source {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name, namespace: ns },
    spec: {
      type: 'alertmanager',
      workflowRef: { name: 'triage' },
      auth: { type: 'bearer', secretKeyRef: { name: 'am-token', key: 'token' } },
      ...spec,
    },
  });
  if (!r.ok || r.resource.kind !== 'Source') throw new Error(JSON.stringify(r));
  return r.resource;
}

beforeAll(async () => {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'am-token' }, stringData: { token } },
  });
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'ingest'));
  ingest = await startIngest(redis, prefix, createKubeSecretReader(k.core, systemClock));
  ingest.registry.put(source('am'));
  ingest.registry.put(source('tight', { rateLimit: { eventsPerSecond: 1, burst: 2 } }));
  jobs = runsQueue(redis, prefix);
});
afterAll(async () => {
  await jobs.close();
  await ingest.close();
  await cleanup();
});

const alert = (pod: string, status = 'firing') => ({
  status,
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod, severity: 'warning' },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-22T03:14:00Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-22T03:20:00Z',
  generatorURL: 'http://prometheus/graph?g0.expr=up',
  fingerprint: `fp-${pod}`,
});
const notification = (groupKey: string, alerts: unknown[], status = 'firing') => ({
  version: '4',
  groupKey,
  truncatedAlerts: 0,
  status,
  receiver: 'punchingfist',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: { alertname: 'KubePodCrashLooping', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}
const postJson = (path: string, value: unknown, headers: Record<string, string> = {}) =>
  post(path, JSON.stringify(value), headers);
const jobCount = async () => Object.values(await jobs.getJobCounts()).reduce((a, b) => a + b, 0);

describe('alertmanager ingest', () => {
  it('starts one run per group, joins duplicates to it, and records resolved without a new run', async () => {
    const path = `/webhooks/${ns}/am`;
    const first = await postJson(
      path,
      notification('{}:{alertname="A"}', [alert('a-1'), alert('a-2')]),
    );
    expect(first.status).toBe(202);
    const runs = first.body.runs as { runId: string; outcome: string }[];
    expect(runs).toHaveLength(1);
    const runId = runs[0]?.runId ?? '';
    expect(runId).toMatch(/^triage-/);
    const job = await jobs.getJob(runId);
    expect(job?.data.event).toMatchObject({
      workflow: 'triage',
      status: 'firing',
      source: { namespace: ns, name: 'am' },
    });
    expect(job?.data.event.alerts).toHaveLength(2);

    const again = await postJson(
      path,
      notification('{}:{alertname="A"}', [alert('a-1'), alert('a-2'), alert('a-3')]),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      deduplicated: true,
      runs: [{ runId, outcome: 'deduplicated', occurrences: 2 }],
    });

    const resolved = await postJson(
      path,
      notification('{}:{alertname="A"}', [alert('a-1', 'resolved')], 'resolved'),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolved: true, runs: [{ runId, outcome: 'resolved' }] });

    const other = await postJson(path, notification('{}:{alertname="B"}', [alert('b-1')]));
    expect(other.status).toBe(202);
    expect(await jobCount()).toBe(2);
    const metrics = await ingest.metrics.metrics();
    expect(metrics).toContain(`punchingfist_ingest_dedup_hits_total{source="${ns}/am"} 1`);
  });

  it('answers 429 past the Source rate limit, and counts it', async () => {
    const path = `/webhooks/${ns}/tight`;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await postJson(path, notification(`{}:{g="${i}"}`, [alert(`r-${i}`)]))).status,
      );
    expect(statuses).toEqual([202, 202, 429, 429]);
    const limited = await postJson(path, notification('{}:{g="x"}', [alert('r-x')]));
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
  });
});

describe('bad input', () => {
  const path = () => `/webhooks/${ns}/am`;
  const good = () => notification('{}:{alertname="Good"}', [alert('g-1')]);
  const withAlert = (patch: Record<string, unknown>) =>
    notification('{}:{x="1"}', [{ ...alert('x'), ...patch }]);
  const withLabels = (labels: Record<string, unknown>) => withAlert({ labels });
  const manyLabels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, 'v']));
  const tenThousand = notification(
    '{}:{big="1"}',
    Array.from({ length: 10_000 }, (_, i) => alert(`p${i}`)),
  );
  const nineHundredPlus = notification(
    '{}:{big="2"}',
    Array.from({ length: 1_001 }, (_, i) => ({ ...alert(`q${i}`), annotations: {} })),
  );

  type Case = [
    name: string,
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
    says: RegExp,
  ];
  const cases: Case[] = [
    ['malformed JSON', () => post(path(), '{"version": "4",'), 400, /not valid JSON/],
    ['empty body', () => post(path(), ''), 400, /not valid JSON/],
    ['null', () => post(path(), 'null'), 400, /\(body\)/],
    ['an array', () => postJson(path(), []), 400, /\(body\)/],
    ['a string', () => postJson(path(), 'alert'), 400, /\(body\)/],
    ['version 3', () => postJson(path(), { ...good(), version: '3' }), 400, /^version:/],
    [
      'missing groupKey',
      () => postJson(path(), { ...good(), groupKey: undefined }),
      400,
      /^groupKey:/,
    ],
    [
      'status pending',
      () => postJson(path(), { ...good(), status: 'pending' }),
      400,
      /^status: must be "firing" or "resolved"/,
    ],
    [
      'no alerts',
      () => postJson(path(), { ...good(), alerts: [] }),
      400,
      /^alerts: must hold at least one alert/,
    ],
    ['alerts not a list', () => postJson(path(), { ...good(), alerts: {} }), 400, /^alerts:/],
    [
      'alert without labels',
      () => postJson(path(), withAlert({ labels: undefined })),
      400,
      /^alerts\[0\]\.labels:/,
    ],
    [
      'label value a number',
      () => postJson(path(), withLabels({ alertname: 7 })),
      400,
      /^alerts\[0\]\.labels\.alertname:/,
    ],
    [
      'huge label value',
      () => postJson(path(), withLabels({ pod: 'x'.repeat(5_000) })),
      400,
      /alerts\[0\]\.labels\.pod: value longer than 4096/,
    ],
    [
      '65 labels',
      () => postJson(path(), withLabels(manyLabels)),
      400,
      /alerts\[0\]\.labels: more than 64 entries/,
    ],
    [
      'empty label name',
      () => postJson(path(), withLabels({ '': 'x' })),
      400,
      /label name is empty/,
    ],
    [
      'unicode label name',
      () => postJson(path(), withLabels({ pöd: 'x' })),
      400,
      /label name must match/,
    ],
    [
      'startsAt not a time',
      () => postJson(path(), withAlert({ startsAt: 'yesterday' })),
      400,
      /alerts\[0\]\.startsAt: must be an RFC 3339/,
    ],
    [
      'fingerprint missing',
      () => postJson(path(), withAlert({ fingerprint: undefined })),
      400,
      /alerts\[0\]\.fingerprint/,
    ],
    [
      'alert status unknown',
      () => postJson(path(), withAlert({ status: 'silenced' })),
      400,
      /alerts\[0\]\.status/,
    ],
    [
      'huge annotation',
      () => postJson(path(), withAlert({ annotations: { description: 'y'.repeat(20_000) } })),
      400,
      /annotations\.description: value longer than 16384/,
    ],
    [
      'negative truncatedAlerts',
      () => postJson(path(), { ...good(), truncatedAlerts: -1 }),
      400,
      /^truncatedAlerts:/,
    ],
    [
      'groupLabels not an object',
      () => postJson(path(), { ...good(), groupLabels: 'a=b' }),
      400,
      /^groupLabels:/,
    ],
    ['prototype pollution', () => post(path(), '{"__proto__": {"admin": true}}'), 400, /^version:/],
    [
      '1,001 alerts in one body',
      () => postJson(path(), nineHundredPlus),
      400,
      /more than 1000 alerts/,
    ],
    [
      '10,000 alerts in one body (over 1 MiB)',
      () => postJson(path(), tenThousand),
      413,
      /larger than 1048576 bytes/,
    ],
    [
      'oversize body',
      () => post(path(), JSON.stringify({ ...good(), pad: 'z'.repeat(2 * 1024 * 1024) })),
      413,
      /larger than/,
    ],
    [
      'missing Authorization',
      () => postJson(path(), good(), { authorization: '' }),
      401,
      /missing Authorization|invalid/,
    ],
    [
      'wrong token',
      () => postJson(path(), good(), { authorization: 'Bearer nope' }),
      401,
      /invalid bearer token/,
    ],
    [
      'basic instead of bearer',
      () =>
        postJson(path(), good(), {
          authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
        }),
      401,
      /invalid bearer token/,
    ],
    [
      'text/plain',
      () => postJson(path(), good(), { 'content-type': 'text/plain' }),
      415,
      /application\/json/,
    ],
    [
      'form-encoded',
      () => post(path(), 'version=4', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      /application\/json/,
    ],
    [
      'unknown Source path',
      () => postJson(`/webhooks/${ns}/nobody`, good()),
      404,
      /no Source receives webhooks/,
    ],
  ];

  it(`answers each of ${cases.length} bad requests with the right 4xx naming the problem, enqueues nothing, and keeps serving`, async () => {
    const before = await jobCount();
    const got: string[] = [];
    for (const [name, send, status, says] of cases) {
      const res = await send();
      const message = String(res.body.message ?? '');
      if (res.status !== status || !says.test(message))
        got.push(`${name}: ${res.status} ${message}`);
    }
    expect(got).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(await jobCount()).toBe(before);
    const ok = await postJson(path(), good());
    expect(ok.status).toBe(202);
    expect(await jobCount()).toBe(before + 1);
  });

  it('accepts unicode in label values', async () => {
    const res = await postJson(
      `/webhooks/${ns}/am`,
      notification('{}:{u="1"}', [
        { ...alert('u'), labels: { alertname: 'Störung', pod: 'café-☕' } },
      ]),
    );
    expect(res.status).toBe(202);
  });
});
