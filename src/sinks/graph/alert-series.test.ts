import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../../adapters/prometheus/index.ts';
import { focusOnAlerts } from './alert-series.ts';

const s = (metric: Record<string, string>): RangeSeries => ({
  metric,
  samples: [{ time: 1, value: 1 }],
});

describe('focusOnAlerts', () => {
  const all = [
    s({ namespace: 'shop', pod: 'checkout-1', container: 'app' }),
    s({ namespace: 'shop', pod: 'checkout-2', container: 'app' }),
    s({ namespace: 'demo', pod: 'web-1', container: 'app' }),
  ];

  it("keeps the series of the alert's pod and counts the others", () => {
    const alert = {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: 'checkout-2',
      severity: 'warning',
    };
    const focused = focusOnAlerts(all, [alert]);
    expect(focused.series.map((x) => x.metric.pod)).toEqual(['checkout-2']);
    expect(focused.others).toBe(2);
  });

  it('keeps the series of every alert of the group', () => {
    const focused = focusOnAlerts(all, [{ pod: 'checkout-1' }, { pod: 'web-1' }]);
    expect(focused.series.map((x) => x.metric.pod)).toEqual(['checkout-1', 'web-1']);
  });

  it('keeps everything when no series shares a label with the alert', () => {
    const sums = [s({}), s({ job: 'api' })];
    expect(focusOnAlerts(sums, [{ alertname: 'HighErrorRate', severity: 'page' }])).toEqual({
      series: sums,
      others: 0,
    });
  });
});
