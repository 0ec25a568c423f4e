import type { RangeSeries } from '../../adapters/prometheus/index.ts';

/**
 * A rule's expression usually covers every pod, node or job it watches; an
 * alert is about the series whose labels it carries. When some series agree
 * with one of the alerts on every label they share (and share at least one),
 * the graph shows those; otherwise (an aggregate that kept no label) all.
 */
export interface FocusedSeries {
  readonly series: readonly RangeSeries[];
  /** Series of other alerts (or none) left out. */
  readonly others: number;
}

export function focusOnAlerts(
  series: readonly RangeSeries[],
  alertLabels: readonly Readonly<Record<string, string>>[],
): FocusedSeries {
  const matching = series.filter((s) => alertLabels.some((labels) => belongsTo(s.metric, labels)));
  if (matching.length === 0) return { series, others: 0 };
  return { series: matching, others: series.length - matching.length };
}

function belongsTo(
  metric: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  const shared = Object.keys(metric).filter(
    (key) => key !== '__name__' && labels[key] !== undefined,
  );
  return shared.length > 0 && shared.every((key) => metric[key] === labels[key]);
}
