import { describe, expect, inject, it } from 'vitest';
import { createPrometheusClient } from '../../src/adapters/prometheus/prometheus-client.ts';
import { AppError } from '../../src/core/errors.ts';

/** The Prometheus client against the test environment's real Prometheus (scraping kube-state-metrics). */
const env = inject('testenv');

function client(options: { maxSeries?: number } = {}) {
  if (env.PROMETHEUS_URL === undefined) throw new Error('the test environment has no Prometheus');
  return createPrometheusClient({ baseUrl: env.PROMETHEUS_URL, timeoutMs: 10_000, ...options });
}

describe('Prometheus client against the real Prometheus', () => {
  it('reads kube-state-metrics as up by an instant query', async () => {
    const result = await client().query({ query: 'up{job="kube-state-metrics"}' });
    expect(result.resultType).toBe('vector');
    if (result.resultType !== 'vector') return;
    expect(result.series[0]?.metric.job).toBe('kube-state-metrics');
    expect(result.series[0]?.sample.value).toBe(1);
  });

  it('answers a scalar expression as a scalar', async () => {
    const result = await client().query({ query: 'scalar(vector(2)) * 21' });
    expect(result).toMatchObject({ resultType: 'scalar', sample: { value: 42 } });
  });

  it('range-queries node series over the last minutes, capping the series', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 5 * 60_000);
    const all = await client().queryRange({
      query: 'kube_node_info',
      start,
      end,
      stepSeconds: 15,
    });
    expect(all.series.length).toBeGreaterThanOrEqual(3);
    expect(all.series[0]?.samples.length).toBeGreaterThan(1);
    const capped = await client({ maxSeries: 2 }).queryRange({
      query: 'kube_node_info',
      start,
      end,
      stepSeconds: 15,
    });
    expect(capped.series).toHaveLength(2);
    expect(capped).toMatchObject({ truncated: true, totalSeries: all.totalSeries });
  });

  it("turns Prometheus's parse error into an input_invalid AppError with its message", async () => {
    const err = await client()
      .query({ query: 'sum(rate(up[5m]' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'input_invalid', details: { errorType: 'bad_data' } });
    expect((err as AppError).message).toMatch(/parse error/);
  });
});
