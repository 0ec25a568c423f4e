import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPrometheusClient,
  type PrometheusClient,
} from '../../src/adapters/prometheus/index.ts';
import { AppError } from '../../src/core/errors.ts';
import type { AlertSummary } from '../../src/core/events/source-event.ts';
import { systemClock } from '../../src/core/ports.ts';
import { renderAlertGraph } from '../../src/sinks/graph/render-alert-graph.ts';
import { eventually, podSpec, testNamespace } from '../support/kube.ts';

/**
 * The alert graph end to end on the test environment: a crash-looping pod
 * makes the real Prometheus fire KubePodCrashLooping, Alertmanager holds the
 * alert with Prometheus's own generatorURL, and the graph of that alert is
 * a PNG (kept in test-results/ for a person to look at).
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'graph');
let prometheus: PrometheusClient;

interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  generatorURL: string;
}

beforeAll(async () => {
  if (env.PROMETHEUS_URL === undefined || env.ALERTMANAGER_URL === undefined) {
    throw new Error('the test environment has no alerting chain');
  }
  prometheus = createPrometheusClient({ baseUrl: env.PROMETHEUS_URL });
});

/** An alert as Alertmanager holds it (API v2), as the webhook would carry it. */
async function firingAlert(alertname: string): Promise<AlertSummary | undefined> {
  const filter = [`alertname="${alertname}"`, `namespace="${ns}"`]
    .map((f) => `filter=${encodeURIComponent(f)}`)
    .join('&');
  const response = await fetch(`${env.ALERTMANAGER_URL}/api/v2/alerts?${filter}`);
  const alerts = (await response.json()) as AmAlert[];
  const alert = alerts[0];
  if (alert === undefined) return undefined;
  return { ...alert, status: 'firing' };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function keep(name: string, png: Buffer): void {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/${name}`, png);
}

describe('alert graph against the real Prometheus', () => {
  it("renders a crash-looping pod's alert, from its generatorURL, to a PNG", async () => {
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'looper', labels: { 'sim.punchingfist.io/fault': 'crashloop' } },
        spec: podSpec('registry.example/looper:1.0'),
      },
    });
    const alert = await eventually(
      'KubePodCrashLooping in Alertmanager',
      () => firingAlert('KubePodCrashLooping'),
      120_000,
      1000,
    );
    expect(alert.generatorURL).toContain('/graph?g0.expr=');

    const graph = await renderAlertGraph({ prometheus, clock: systemClock }, alert);

    expect(graph).toBeDefined();
    if (graph === undefined) return;
    expect(graph.query).toMatch(
      /^max_over_time\(kube_pod_container_status_waiting_reason\{.*\}\[1m\]\)$/,
    );
    expect(graph.title).toMatch(/^KubePodCrashLooping: max_over_time\(.*\) >= 1$/);
    expect(pngSize(graph.png)).toEqual({ width: 1920, height: 960 });
    expect(graph.png.length).toBeGreaterThan(30_000);
    keep('alert-graph-crashloop.png', graph.png);
  });

  it('graphs an annotation query with many series, capped to the top ten', async () => {
    const alert: AlertSummary = {
      fingerprint: 'annotation',
      status: 'firing',
      labels: { alertname: 'PodsPerNamespace' },
      annotations: { query: 'count by (namespace) (kube_pod_info) + 0' },
      startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    };
    const graph = await renderAlertGraph({ prometheus, clock: systemClock }, alert);
    expect(graph?.query).toBe('count by (namespace) (kube_pod_info) + 0');
    expect(pngSize(graph?.png ?? Buffer.alloc(24))).toEqual({ width: 1920, height: 960 });
    if (graph !== undefined) keep('alert-graph-annotation.png', graph.png);
  });

  it('has no graph when Prometheus has no data for the expression', async () => {
    const alert: AlertSummary = {
      fingerprint: 'nodata',
      status: 'firing',
      labels: { alertname: 'Nothing' },
      annotations: {},
      startsAt: new Date().toISOString(),
      generatorURL: 'http://prometheus/graph?g0.expr=punchingfist_no_such_metric+%3E+0&g0.tab=1',
    };
    expect(await renderAlertGraph({ prometheus, clock: systemClock }, alert)).toBeUndefined();
  });

  it("throws Prometheus's refusal of a broken expression as an AppError", async () => {
    const alert: AlertSummary = {
      fingerprint: 'broken',
      status: 'firing',
      labels: { alertname: 'Broken' },
      annotations: { promql: 'sum(rate(up[5m]' },
      startsAt: new Date().toISOString(),
    };
    const err = await renderAlertGraph({ prometheus, clock: systemClock }, alert).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'input_invalid' });
  });
});
