import { describe, expect, it } from 'vitest';
import { alertExpression, generatorExpression } from './alert-expression.ts';

// generatorURLs as Prometheus writes them (Go's url.QueryEscape: spaces as +).
const crashLoopURL =
  'http://prometheus-k8s-0:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%2Cjob%3D%22kube-state-metrics%22%7D%5B5m%5D%29+%3E%3D+1&g0.tab=1';
const prefixedURL =
  'https://ops.example.com/prometheus/graph?g0.expr=sum+by+%28job%29+%28rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%3E+0.1&g0.tab=1';
const grafanaURL = 'https://grafana.example.com/alerting/grafana/fe3b2ha/view?orgId=1';

describe('alertExpression', () => {
  it("reads the rule's PromQL from a Prometheus generatorURL", () => {
    expect(alertExpression({ annotations: {}, generatorURL: crashLoopURL })).toBe(
      'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff",job="kube-state-metrics"}[5m]) >= 1',
    );
  });

  it('reads it behind a path prefix (external URL of a proxied Prometheus)', () => {
    expect(generatorExpression(prefixedURL)).toBe(
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.1',
    );
  });

  it('prefers an annotation the rule author set: query, then promql, then expr', () => {
    expect(
      alertExpression({
        annotations: { expr: 'c', promql: 'b', query: ' rate(x[5m]) ' },
        generatorURL: crashLoopURL,
      }),
    ).toBe('rate(x[5m])');
    expect(alertExpression({ annotations: { expr: 'c', promql: 'b' } })).toBe('b');
    expect(alertExpression({ annotations: { expr: 'up == 0' } })).toBe('up == 0');
  });

  it('has nothing for links without g0.expr, broken URLs, blank annotations or none', () => {
    expect(alertExpression({ annotations: {}, generatorURL: grafanaURL })).toBeUndefined();
    expect(alertExpression({ annotations: {}, generatorURL: 'not a url' })).toBeUndefined();
    expect(alertExpression({ annotations: { query: '   ' } })).toBeUndefined();
    expect(alertExpression({ annotations: {} })).toBeUndefined();
    expect(
      alertExpression({ annotations: {}, generatorURL: 'http://prom/graph?g0.expr=&g0.tab=1' }),
    ).toBeUndefined();
  });
});
