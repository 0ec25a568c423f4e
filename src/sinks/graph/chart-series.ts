import type { RangeSeries } from '../../adapters/prometheus/index.ts';

/**
 * The series a graph shows: the highest (by peak value) first, at most
 * `max` of them, each named by the labels that tell it apart from the
 * others; labels every series shares are said once, in the subtitle.
 */
export interface ChartSeries {
  readonly name: string;
  /** [unix ms, value]; null is a gap (no sample, NaN, ±Inf). */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface ChartData {
  readonly series: readonly ChartSeries[];
  /** `job="kube-state-metrics", namespace="shop"`: labels all series share. */
  readonly common: string;
  /** Series left out by the cap. */
  readonly hidden: number;
}

const maxNameLength = 80;

/** Labels that tell series apart but tell a person nothing (said only when nothing else differs). */
const noise = new Set([
  'uid',
  'instance',
  'endpoint',
  'prometheus',
  'prometheus_replica',
  'container_id',
  'image_id',
]);

/** The labels that name what a lone series is about, most telling first. */
const identity = [
  'pod',
  'container',
  'deployment',
  'statefulset',
  'daemonset',
  'job_name',
  'node',
  'persistentvolumeclaim',
  'service',
  'namespace',
];

/** `fallbackName` names a lone series without labels (the result of `sum(...)`). */
export function chartData(
  series: readonly RangeSeries[],
  max: number,
  fallbackName: string,
): ChartData {
  const ranked = [...series].sort((a, b) => peak(b) - peak(a)).slice(0, max);
  const varying = varyingKeys(ranked);
  const common = commonLabels(ranked, varying);
  const name = ranked.length === 1 ? loneName : seriesName;
  return {
    series: ranked.map((s) => ({
      name: truncate(name(s.metric, varying) ?? fallbackName),
      points: points(s),
    })),
    common,
    hidden: Math.max(0, series.length - ranked.length),
  };
}

function peak(series: RangeSeries): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const { value } of series.samples) if (Number.isFinite(value) && value > best) best = value;
  return best;
}

function points(series: RangeSeries): ChartSeries['points'] {
  return series.samples.map(({ time, value }) => [
    Math.round(time * 1000),
    Number.isFinite(value) ? value : null,
  ]);
}

/** Label keys whose value is not the same in every series (noise only when nothing else differs). */
function varyingKeys(series: readonly RangeSeries[]): ReadonlySet<string> {
  const keys = new Set(series.flatMap((s) => Object.keys(s.metric)));
  const first = series[0]?.metric ?? {};
  const varying = [...keys].filter((k) => series.some((s) => s.metric[k] !== first[k]));
  const telling = varying.filter((k) => !noise.has(k));
  return new Set(telling.length > 0 ? telling : varying);
}

function commonLabels(series: readonly RangeSeries[], varying: ReadonlySet<string>): string {
  const first = series[0]?.metric ?? {};
  const shared = Object.entries(first).filter(
    ([k]) => k !== '__name__' && !varying.has(k) && !noise.has(k),
  );
  return formatLabels(shared);
}

function loneName(metric: Readonly<Record<string, string>>): string | undefined {
  const telling = identity.flatMap((k) =>
    metric[k] === undefined ? [] : [[k, metric[k]] as const],
  );
  return telling.length > 0 ? formatLabels(telling.slice(0, 2), false) : metric.__name__;
}

function seriesName(
  metric: Readonly<Record<string, string>>,
  varying: ReadonlySet<string>,
): string | undefined {
  const own = Object.entries(metric).filter(([k]) => varying.has(k) && k !== '__name__');
  const metricName = varying.has('__name__') ? (metric.__name__ ?? '') : '';
  if (own.length > 0)
    return metricName === '' ? formatLabels(own) : `${metricName}{${formatLabels(own)}}`;
  return metricName || metric.__name__;
}

function truncate(name: string): string {
  return name.length > maxNameLength ? `${name.slice(0, maxNameLength - 1)}…` : name;
}

function formatLabels(entries: readonly (readonly [string, string])[], sort = true): string {
  return (sort ? [...entries].sort(([a], [b]) => a.localeCompare(b)) : entries)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
}
