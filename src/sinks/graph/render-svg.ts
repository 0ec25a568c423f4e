import { createRequire } from 'node:module';
import type * as ECharts from 'echarts';

/**
 * An ECharts option drawn to an SVG string server-side (`ssr: true`: no DOM,
 * no canvas, no browser). ECharts is loaded on first use, as its one-file
 * bundle (a fraction of the time its hundreds of ES modules take), so
 * processes that never draw a graph do not pay for it.
 */
export function renderChartSvg(
  option: ECharts.EChartsOption,
  size: { readonly width: number; readonly height: number },
): string {
  const echarts = createRequire(import.meta.url)('echarts') as typeof ECharts;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
