import type { PrometheusClient } from '../../adapters/prometheus/index.ts';
import type { AlertSummary, SourceEvent } from '../../core/events/source-event.ts';
import type { Clock } from '../../core/ports.ts';
import { focusOnAlerts } from './alert-series.ts';
import { chartOptions } from './chart-options.ts';
import { chartData } from './chart-series.ts';
import { graphPlan } from './graph-plan.ts';
import { svgToPng } from './rasterise.ts';
import { renderChartSvg } from './render-svg.ts';

/**
 * The graph of an alert's metric over the last hour, as a PNG for the alert's
 * Slack thread: the alert's PromQL (annotation `query`/`promql`/`expr`, else
 * the generatorURL's `g0.expr`) range-queried from Prometheus, drawn by
 * ECharts server-side and rasterised by resvg. undefined when the alert
 * carries no expression or Prometheus has no data for it; Prometheus's
 * failures are thrown as AppError (the caller posts the thread without a graph).
 */
export interface AlertGraphDeps {
  readonly prometheus: Pick<PrometheusClient, 'queryRange'>;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Series drawn, the highest first; default 10. */
  readonly maxSeries?: number;
  /** Chart size in CSS px; the PNG is twice as wide and high. Default 960×480. */
  readonly width?: number;
  readonly height?: number;
  readonly windowMinutes?: number;
}

export interface AlertGraph {
  readonly png: Buffer;
  /** "KubePodCrashLooping: max_over_time(...)", for the file's title. */
  readonly title: string;
  /** The PromQL graphed (the alert's expression without a trailing `> threshold`). */
  readonly query: string;
  /** "KubePodCrashLooping.png". */
  readonly filename: string;
}

export interface AlertGraphSvg extends Omit<AlertGraph, 'png'> {
  readonly svg: string;
}

const maxTitleLength = 200;

export async function renderAlertGraph(
  deps: AlertGraphDeps,
  input: AlertSummary | SourceEvent,
): Promise<AlertGraph | undefined> {
  const drawn = await renderAlertGraphSvg(deps, input);
  if (drawn === undefined) return undefined;
  const { svg, ...rest } = drawn;
  return { ...rest, png: await svgToPng(svg, { width: 2 * (deps.width ?? 960) }) };
}

/** The same graph as an SVG string (what is rasterised). */
export async function renderAlertGraphSvg(
  deps: AlertGraphDeps,
  input: AlertSummary | SourceEvent,
): Promise<AlertGraphSvg | undefined> {
  const windowMinutes = deps.windowMinutes ?? 60;
  const plan = graphPlan(input, { now: deps.clock.now(), windowMinutes });
  if (plan === undefined) return undefined;
  const result = await deps.prometheus.queryRange({
    query: plan.query,
    start: plan.window.start,
    end: plan.window.end,
    stepSeconds: plan.stepSeconds,
    ...(deps.signal && { signal: deps.signal }),
  });
  const focused = focusOnAlerts(result.series, plan.alertLabels);
  const data = chartData(focused.series, deps.maxSeries ?? 10, plan.query);
  if (data.series.every((s) => s.points.length === 0)) return undefined;
  const hidden = data.hidden + focused.others + (result.totalSeries - result.series.length);
  const size = { width: deps.width ?? 960, height: deps.height ?? 480 };
  const option = chartOptions({
    ...plan,
    ...size,
    title: `${plan.alertName} · last ${windowLabel(windowMinutes)} (UTC)`,
    data: { ...data, hidden },
  });
  return {
    svg: renderChartSvg(option, size),
    title: truncate(`${plan.alertName}: ${plan.expression}`),
    query: plan.query,
    filename: `${plan.alertName.replace(/[^\w.-]+/g, '_')}.png`,
  };
}

function windowLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

function truncate(text: string): string {
  return text.length > maxTitleLength ? `${text.slice(0, maxTitleLength - 1)}…` : text;
}
