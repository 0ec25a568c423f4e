import { z } from 'zod';
import type {
  MatrixResult,
  PrometheusClient,
  QueryResult,
} from '../../adapters/prometheus/index.ts';
import type { Clock } from '../../core/ports.ts';
import type { AgentTool } from './tool.ts';

/** prometheus_query and prometheus_range_query over the Prometheus HTTP API client. */
const metricText = (m: Readonly<Record<string, string>>) => {
  const { __name__: name, ...rest } = m;
  const labels = Object.entries(rest)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return `${name ?? ''}{${labels}}`;
};

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));

function footer(
  r: { truncated: boolean; totalSeries: number; warnings: readonly string[] },
  shown: number,
) {
  return [
    r.truncated ? `(${r.totalSeries} series; first ${shown} shown)` : '',
    ...r.warnings.map((w) => `warning: ${w}`),
  ].filter((l) => l !== '');
}

export function renderInstant(r: QueryResult): string {
  if (r.resultType === 'scalar') return `scalar ${num(r.sample.value)}`;
  if (r.resultType === 'string') return `string ${r.value}`;
  if (r.resultType === 'matrix') return renderRange(r);
  if (r.series.length === 0) return 'empty result (no series match)';
  const lines = r.series.map((s) => `${metricText(s.metric)} ${num(s.sample.value)}`);
  return [...lines, ...footer(r, r.series.length)].join('\n');
}

/** A range as min/max/last per series plus a few evenly spaced points, not every sample. */
export function renderRange(r: MatrixResult, points = 8): string {
  if (r.series.length === 0) return 'empty result (no series match)';
  const lines = r.series.map((s) => {
    const values = s.samples.map((p) => p.value);
    const step = Math.max(1, Math.floor(s.samples.length / points));
    const sampled = s.samples
      .filter((_, i) => i % step === 0)
      .map((p) => `${new Date(p.time * 1000).toISOString().slice(11, 19)}=${num(p.value)}`);
    const stats =
      values.length === 0
        ? 'no points'
        : `min=${num(Math.min(...values))} max=${num(Math.max(...values))} last=${num(values.at(-1) ?? Number.NaN)}`;
    return `${metricText(s.metric)} ${stats} points=${values.length}\n  ${sampled.join(' ')}`;
  });
  return [...lines, ...footer(r, r.series.length)].join('\n');
}

const queryInput = z.strictObject({
  query: z.string().min(1).max(4000).describe('PromQL expression'),
});

export function prometheusQueryTool(prometheus: PrometheusClient): AgentTool<typeof queryInput> {
  return {
    name: 'prometheus_query',
    description: 'Evaluate a PromQL expression now (instant query).',
    input: queryInput,
    async run({ query }, context) {
      context.progress(`promql ${query}`);
      const result = await prometheus.query({ query, signal: context.signal });
      return { text: renderInstant(result), sources: [`promql:${query}`] };
    },
  };
}

const rangeInput = z.strictObject({
  query: z.string().min(1).max(4000).describe('PromQL expression'),
  minutes: z
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60)
    .describe('How far back from now'),
  stepSeconds: z.int().min(1).max(3600).default(60),
});

export function prometheusRangeQueryTool(
  prometheus: PrometheusClient,
  clock: Clock,
): AgentTool<typeof rangeInput> {
  return {
    name: 'prometheus_range_query',
    description:
      'Evaluate a PromQL expression over the last N minutes; answers min/max/last and a few points per series.',
    input: rangeInput,
    async run({ query, minutes, stepSeconds }, context) {
      context.progress(`promql range ${minutes}m ${query}`);
      const end = clock.now();
      const start = new Date(end.getTime() - minutes * 60_000);
      const result = await prometheus.queryRange({
        query,
        start,
        end,
        stepSeconds,
        signal: context.signal,
      });
      return { text: renderRange(result), sources: [`promql:${query}`] };
    },
  };
}
