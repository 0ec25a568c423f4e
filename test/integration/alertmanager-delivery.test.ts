import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOwnAlertmanager } from '../../scripts/testenv/alerting.ts';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import { createKubeSecretReader } from '../../src/adapters/kube/kube-secret-reader.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import { type IngestHarness, startIngest } from '../support/ingest.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) with a
 * bearer-authenticated webhook receiver delivers alerts injected through
 * its API: one run for the group, the re-notification deduplicated, and
 * the resolved notification recorded.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'amdeliver');
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let ingest: IngestHarness;
let jobs: Queue;
let alertmanager: { url: string; stop(): Promise<void> };
const token = 'am-delivery-token';

beforeAll(async () => {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'am' }, stringData: { token } },
  });
  ({ redis, prefix, cleanup } = testRedis(env.REDIS_URL, 'amdeliver'));
  ingest = await startIngest(redis, prefix, createKubeSecretReader(k.core, systemClock));
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'alertmanager', namespace: ns },
    spec: {
      type: 'alertmanager',
      workflowRef: { name: 'triage' },
      auth: { type: 'bearer', secretKeyRef: { name: 'am', key: 'token' } },
    },
  });
  if (!parsed.ok || parsed.resource.kind !== 'Source') throw new Error('bad source');
  ingest.registry.put(parsed.resource);
  jobs = runsQueue(redis, prefix);
  alertmanager = await startOwnAlertmanager(testenvPaths(), ns, {
    url: `${ingest.url}/webhooks/${ns}/alertmanager`,
    bearerToken: token,
    groupWait: '1s',
    groupInterval: '2s',
    repeatInterval: '4s',
  });
});
afterAll(async () => {
  await alertmanager.stop();
  await jobs.close();
  await ingest.close();
  await cleanup();
});

async function postAlerts(endsAt: Date): Promise<void> {
  const alerts = ['web-1', 'web-2'].map((pod) => ({
    labels: { alertname: 'DeliveryTest', namespace: ns, pod, severity: 'critical' },
    annotations: { summary: `${pod} is down` },
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: endsAt.toISOString(),
    generatorURL: 'http://prometheus/graph?g0.expr=up%3D%3D0',
  }));
  const res = await fetch(`${alertmanager.url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  expect(res.status).toBe(200);
}

async function outcomes(): Promise<Record<string, number>> {
  const text = await ingest.metrics.metrics();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(
    /punchingfist_ingest_requests_total\{source="[^"]+",outcome="(\w+)"\} (\d+)/g,
  )) {
    counts[m[1] ?? ''] = Number(m[2]);
  }
  return counts;
}

describe('real Alertmanager → webhook', () => {
  it('delivers a group as one run, deduplicates the repeat, and records resolved', async () => {
    await postAlerts(new Date(Date.now() + 10 * 60_000));
    await eventually(
      'the group enqueued once',
      async () => ((await outcomes()).enqueued === 1 ? true : undefined),
      60_000,
      250,
    );
    await eventually(
      'a repeat notification deduplicated',
      async () => (((await outcomes()).deduplicated ?? 0) >= 1 ? true : undefined),
      60_000,
      250,
    );

    await postAlerts(new Date(Date.now() - 1_000));
    await eventually(
      'resolved recorded',
      async () => (((await outcomes()).resolved ?? 0) >= 1 ? true : undefined),
      60_000,
      250,
    );

    const counts = await outcomes();
    expect(counts.enqueued).toBe(1);
    expect(counts.unauthorized).toBeUndefined();
    const all = await jobs.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(all).toHaveLength(1);
    expect(all[0]?.data.event).toMatchObject({
      title: `DeliveryTest: ${ns} (2 alerts)`,
      severity: 'critical',
    });
    expect(
      all[0]?.data.event.alerts.map((a: { labels: { pod: string } }) => a.labels.pod).sort(),
    ).toEqual(['web-1', 'web-2']);
  });
});
