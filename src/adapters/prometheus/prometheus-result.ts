import type { RawSample, SuccessBody } from './prometheus-response.ts';

/** A point of a series: Prometheus time (unix seconds) and its value (NaN, ±Infinity allowed). */
export interface Sample {
  readonly time: number;
  readonly value: number;
}

export interface InstantSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly sample: Sample;
}

export interface RangeSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly samples: readonly Sample[];
}

/** What a query answered, by Prometheus result type. */
export type QueryResult =
  | VectorResult
  | MatrixResult
  | { readonly resultType: 'scalar'; readonly sample: Sample; readonly warnings: readonly string[] }
  | {
      readonly resultType: 'string';
      readonly time: number;
      readonly value: string;
      readonly warnings: readonly string[];
    };

export interface Capped {
  /** Series Prometheus returned; more than `series.length` when the cap cut some. */
  readonly totalSeries: number;
  readonly truncated: boolean;
  readonly warnings: readonly string[];
}

export interface VectorResult extends Capped {
  readonly resultType: 'vector';
  readonly series: readonly InstantSeries[];
}

export interface MatrixResult extends Capped {
  readonly resultType: 'matrix';
  readonly series: readonly RangeSeries[];
}

export function toSample([time, value]: RawSample): Sample {
  return { time, value: sampleValue(value) };
}

/** Prometheus writes infinities as `+Inf`/`-Inf`, which Number() does not read. */
function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** The parsed body as a QueryResult, keeping at most `maxSeries` series. */
export function toQueryResult(body: SuccessBody, maxSeries: number): QueryResult {
  const warnings = body.warnings ?? [];
  const { data } = body;
  switch (data.resultType) {
    case 'scalar':
      return { resultType: 'scalar', sample: toSample(data.result), warnings };
    case 'string':
      return { resultType: 'string', time: data.result[0], value: data.result[1], warnings };
    case 'vector': {
      const series = data.result.flatMap((s) =>
        s.value === undefined ? [] : [{ metric: s.metric, sample: toSample(s.value) }],
      );
      return { resultType: 'vector', ...cap(series, maxSeries), warnings };
    }
    case 'matrix': {
      const series = data.result.map((s) => ({
        metric: s.metric,
        samples: s.values.map(toSample),
      }));
      return { resultType: 'matrix', ...cap(series, maxSeries), warnings };
    }
  }
}

function cap<T>(series: readonly T[], max: number) {
  return {
    series: series.slice(0, max),
    totalSeries: series.length,
    truncated: series.length > max,
  };
}
