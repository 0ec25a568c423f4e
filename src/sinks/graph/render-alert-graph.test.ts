import { describe, expect, it } from 'vitest';
import type {
  MatrixResult,
  PrometheusClient,
  RangeQuery,
} from '../../adapters/prometheus/index.ts';
import type { AlertSummary, SourceEvent } from '../../core/events/source-event.ts';
import { renderAlertGraphSvg } from './render-alert-graph.ts';

const now = new Date('2026-11-22T08:00:00Z');

function fakePrometheus(pods: number) {
  const calls: RangeQuery[] = [];
  const prometheus: Pick<PrometheusClient, 'queryRange'> = {
    queryRange: async (request) => {
      calls.push(request);
      const series = Array.from({ length: pods }, (_, p) => ({
        metric: { namespace: 'shop', pod: `checkout-${p}` },
        samples: Array.from({ length: 241 }, (_, i) => ({
          time: request.start.getTime() / 1000 + 15 * i,
          value: p + (i > 200 ? 3 : 0),
        })),
      }));
      const result: MatrixResult = {
        resultType: 'matrix',
        series,
        totalSeries: series.length,
        truncated: false,
        warnings: [],
      };
      return result;
    },
  };
  return { prometheus, calls };
}

const alert: AlertSummary = {
  fingerprint: 'f1',
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop' },
  annotations: {},
  startsAt: '2026-11-22T07:45:00Z',
  generatorURL:
    'http://prometheus:9090/graph?g0.expr=increase%28kube_pod_container_status_restarts_total%5B5m%5D%29+%3E+2&g0.tab=1',
};

const deps = (prometheus: Pick<PrometheusClient, 'queryRange'>) => ({
  prometheus,
  clock: { now: () => now },
});

describe('renderAlertGraphSvg', () => {
  it('range-queries the last hour of the expression without its threshold', async () => {
    const { prometheus, calls } = fakePrometheus(1);
    const graph = await renderAlertGraphSvg(deps(prometheus), alert);
    expect(calls).toEqual([
      expect.objectContaining({
        query: 'increase(kube_pod_container_status_restarts_total[5m])',
        start: new Date('2026-11-22T07:00:00Z'),
        end: now,
        stepSeconds: 15,
      }),
    ]);
    expect(graph?.query).toBe('increase(kube_pod_container_status_restarts_total[5m])');
    expect(graph?.title).toBe(
      'KubePodCrashLooping: increase(kube_pod_container_status_restarts_total[5m]) > 2',
    );
    expect(graph?.filename).toBe('KubePodCrashLooping.png');
  });

  it('draws a titled chart with one legend entry per series (top 10), the threshold and the firing time', async () => {
    const { prometheus } = fakePrometheus(12);
    const svg = (await renderAlertGraphSvg(deps(prometheus), alert))?.svg ?? '';
    expect(svg).toMatch(/^<svg[^>]*width="960"[^>]*height="480"/);
    expect(svg).toContain('KubePodCrashLooping · last 1 h (UTC)');
    expect(svg).toContain('2 other series not shown');
    expect(svg).toContain('namespace=&quot;shop&quot;');
    // Highest first: checkout-11 … checkout-2 are shown, checkout-0 and -1 are not.
    expect(svg).toContain('pod=&quot;checkout-11&quot;');
    expect(svg).toContain('pod=&quot;checkout-2&quot;');
    expect(svg).not.toContain('pod=&quot;checkout-1&quot;');
    expect(svg).toContain('&gt; 2');
    expect(svg).toContain('fired 07:45 UTC');
    expect(svg).toContain('07:30');
  });

  it('is undefined without an expression, asking Prometheus nothing', async () => {
    const { prometheus, calls } = fakePrometheus(1);
    const bare = { ...alert, generatorURL: 'https://grafana.example.com/alerting/x/view' };
    expect(await renderAlertGraphSvg(deps(prometheus), bare)).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('is undefined when Prometheus has no data', async () => {
    const { prometheus } = fakePrometheus(0);
    expect(await renderAlertGraphSvg(deps(prometheus), alert)).toBeUndefined();
  });

  it("graphs an event's firing alert that carries an expression", async () => {
    const { prometheus, calls } = fakePrometheus(1);
    const event: SourceEvent = {
      source: { namespace: 'ops', name: 'alertmanager', type: 'alertmanager' },
      workflow: 'investigate',
      receivedAt: now.toISOString(),
      status: 'firing',
      fingerprint: 'group',
      title: 'KubeJobFailed: shop/backup',
      labels: {},
      annotations: {},
      alerts: [
        { ...alert, status: 'resolved', annotations: { query: 'old' } },
        {
          ...alert,
          fingerprint: 'f2',
          labels: { alertname: 'KubeJobFailed' },
          annotations: { query: 'kube_job_failed > 0' },
        },
      ],
    };
    const graph = await renderAlertGraphSvg(deps(prometheus), event);
    expect(calls[0]?.query).toBe('kube_job_failed');
    expect(graph?.title).toBe('KubeJobFailed: kube_job_failed > 0');
  });
});
