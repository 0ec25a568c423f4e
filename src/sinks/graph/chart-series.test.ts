import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../../adapters/prometheus/index.ts';
import { chartData } from './chart-series.ts';

const series = (metric: Record<string, string>, values: number[]): RangeSeries => ({
  metric,
  samples: values.map((value, i) => ({ time: 1_700_000_000 + 15 * i, value })),
});

describe('chartData', () => {
  it('keeps the series with the highest peaks, names them by what differs and counts the rest', () => {
    const data = chartData(
      [
        series({ __name__: 'restarts', namespace: 'shop', pod: 'a' }, [1, 2]),
        series({ __name__: 'restarts', namespace: 'shop', pod: 'b' }, [9, 3]),
        series({ __name__: 'restarts', namespace: 'shop', pod: 'c' }, [5, Number.NaN]),
      ],
      2,
      'fallback',
    );
    expect(data.series.map((s) => s.name)).toEqual(['pod="b"', 'pod="c"']);
    expect(data.common).toBe('namespace="shop"');
    expect(data.hidden).toBe(1);
    expect(data.series[1]?.points).toEqual([
      [1_700_000_000_000, 5],
      [1_700_000_015_000, null],
    ]);
  });

  it('names series of different metrics with the metric name', () => {
    const data = chartData(
      [
        series({ __name__: 'a_total', job: 'x' }, [1]),
        series({ __name__: 'b_total', job: 'x' }, [2]),
      ],
      10,
      'fallback',
    );
    expect(data.series.map((s) => s.name)).toEqual(['b_total', 'a_total']);
  });

  it('names a lone series by what it is about, its metric name, or the fallback (the query)', () => {
    const pod = {
      namespace: 'shop',
      pod: 'checkout-1',
      container: 'app',
      uid: 'u-1',
      instance: '10.0.0.1:8080',
    };
    const lone = chartData([series(pod, [1])], 10, 'q');
    expect(lone.series[0]?.name).toBe('pod="checkout-1", container="app"');
    expect(lone.common).toBe('container="app", namespace="shop", pod="checkout-1"');
    expect(chartData([series({ __name__: 'up', job: 'x' }, [1])], 10, 'q').series[0]?.name).toBe(
      'up',
    );
    expect(chartData([series({}, [1])], 10, 'sum(up)').series[0]?.name).toBe('sum(up)');
  });

  it('leaves noise labels (uid, instance) out of names unless nothing else differs', () => {
    const named = chartData(
      [
        series({ pod: 'a', uid: 'u-1', instance: 'i-1' }, [1]),
        series({ pod: 'b', uid: 'u-2', instance: 'i-1' }, [2]),
      ],
      10,
      'q',
    );
    expect(named.series.map((s) => s.name)).toEqual(['pod="b"', 'pod="a"']);
    const onlyNoise = chartData(
      [series({ instance: 'i-1' }, [1]), series({ instance: 'i-2' }, [2])],
      10,
      'q',
    );
    expect(onlyNoise.series.map((s) => s.name)).toEqual(['instance="i-2"', 'instance="i-1"']);
  });
});
