import type {
  EChartsOption,
  LineSeriesOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import { fontFamily, legendRows, wrapText } from './chart-layout.ts';
import type { ChartData } from './chart-series.ts';
import { formatValue } from './format-value.ts';
import type { GraphQuery } from './threshold.ts';

/** What an alert's graph shows; `chartOptions` turns it into an ECharts option. */
export interface ChartSpec {
  readonly title: string;
  /** The expression graphed (wrapped under the title). */
  readonly expression: string;
  readonly data: ChartData;
  readonly window: { readonly start: Date; readonly end: Date };
  /** When the alert started firing: a line and a shaded area from there. */
  readonly firedAt?: Date;
  readonly resolvedAt?: Date;
  readonly threshold?: GraphQuery['threshold'];
  readonly width: number;
  readonly height: number;
}

const palette = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#6e7079',
];
const alertColor = '#d9363e';
const legendFont = 12;

export function chartOptions(spec: ChartSpec): EChartsOption {
  const subtitle = subtitleLines(spec);
  const top = 16 + 24 + subtitle.length * 17 + 24;
  const names = spec.data.series.map((s) => s.name);
  const rows = legendRows(names, spec.width - 60, legendFont);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: palette,
    useUTC: true,
    textStyle: { fontFamily },
    title: {
      text: spec.title,
      subtext: subtitle.join('\n'),
      left: 20,
      top: 12,
      textStyle: { fontSize: 17, fontWeight: 'bold', color: '#1d1d1f' },
      subtextStyle: { fontSize: 12, color: '#555', lineHeight: 17 },
    },
    legend: {
      type: 'plain',
      bottom: 10,
      left: 30,
      right: 30,
      itemHeight: 10,
      itemGap: 16,
      textStyle: { fontSize: legendFont, color: '#333' },
      data: names,
    },
    grid: { top, left: 64, right: 36, bottom: 44 + rows * 22 },
    xAxis: xAxis(spec),
    yAxis: yAxis(spec),
    series: spec.data.series.map((s, i) => lineSeries(s, i === 0 ? spec : undefined)),
  };
}

function subtitleLines(spec: ChartSpec): string[] {
  const width = spec.width - 40;
  const lines = wrapText(spec.expression, width, 12, 3);
  if (spec.data.common !== '') lines.push(...wrapText(spec.data.common, width, 12, 2));
  if (spec.data.hidden > 0) lines.push(`${spec.data.hidden} other series not shown`);
  return lines;
}

function xAxis(spec: ChartSpec): XAXisComponentOption {
  return {
    type: 'time',
    min: spec.window.start.getTime(),
    max: spec.window.end.getTime(),
    axisLabel: { formatter: '{HH}:{mm}', color: '#555', fontSize: 11, hideOverlap: true },
    axisLine: { lineStyle: { color: '#999' } },
    splitLine: { show: true, lineStyle: { color: '#eee' } },
  };
}

function yAxis(spec: ChartSpec): YAXisComponentOption {
  const threshold = spec.threshold?.value;
  return {
    type: 'value',
    axisLabel: { formatter: (v: number) => formatValue(v), color: '#555', fontSize: 11 },
    splitLine: { lineStyle: { color: '#eee' } },
    ...(threshold === undefined
      ? {}
      : {
          max: (range: { max: number }) => niceAbove(Math.max(range.max, threshold)),
          min: (range: { min: number }) => Math.min(range.min, threshold, 0),
        }),
  };
}

/** Room above the highest of data and threshold, so the threshold line is not on the frame. */
function niceAbove(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil((value * 1.15) / magnitude) * magnitude;
}

function lineSeries(
  series: ChartData['series'][number],
  marks: ChartSpec | undefined,
): LineSeriesOption {
  return {
    type: 'line',
    name: series.name,
    data: series.points.map(([t, v]) => [t, v]),
    showSymbol: series.points.filter(([, v]) => v !== null).length < 3,
    symbolSize: 6,
    connectNulls: false,
    lineStyle: { width: 2 },
    ...(marks === undefined ? {} : markers(marks)),
  };
}

function markers(spec: ChartSpec): Pick<LineSeriesOption, 'markLine' | 'markArea'> {
  const fired = firedWithin(spec);
  const lines: NonNullable<NonNullable<LineSeriesOption['markLine']>['data']> = [];
  if (fired !== undefined) {
    lines.push({
      xAxis: fired,
      label: {
        formatter: `fired ${clock(fired)}`,
        position: 'insideEndTop',
        color: alertColor,
        fontSize: 11,
      },
      lineStyle: { color: alertColor, type: 'dashed', width: 1.5 },
    });
  }
  if (spec.threshold !== undefined) {
    const { operator, value } = spec.threshold;
    lines.push({
      yAxis: value,
      label: {
        formatter: `${operator} ${formatValue(value)}`,
        position: 'insideStartTop',
        color: alertColor,
        fontSize: 11,
      },
      lineStyle: { color: alertColor, type: 'dotted', width: 1.5 },
    });
  }
  return {
    markLine: { silent: true, symbol: 'none', data: lines },
    ...(fired === undefined ? {} : { markArea: firingArea(spec, fired) }),
  };
}

function firingArea(spec: ChartSpec, fired: number): NonNullable<LineSeriesOption['markArea']> {
  const until = Math.min(
    spec.resolvedAt?.getTime() ?? spec.window.end.getTime(),
    spec.window.end.getTime(),
  );
  return {
    silent: true,
    itemStyle: { color: 'rgba(217, 54, 62, 0.07)' },
    data: [[{ xAxis: fired }, { xAxis: until }]],
  };
}

function firedWithin(spec: ChartSpec): number | undefined {
  const at = spec.firedAt?.getTime();
  if (at === undefined || Number.isNaN(at)) return undefined;
  return at >= spec.window.start.getTime() && at <= spec.window.end.getTime() ? at : undefined;
}

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
