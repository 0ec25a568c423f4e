/**
 * What the load generator posts: Alertmanager v4 notifications of one alert
 * each, shaped like the real thing (labels, annotations, URLs). Request i
 * maps to a group; a `cycle` workload repeats `groups` group keys (an alert
 * storm: mostly duplicates), a `unique` one gives every request its own
 * group (every request a new incident, so every request enqueues).
 */
export type Workload =
  | { readonly kind: 'cycle'; readonly groups: number; readonly tag: string }
  | { readonly kind: 'unique'; readonly tag: string };

export function notificationBody(tag: string, group: number): string {
  const pod = `checkout-${tag}-${group}`;
  const labels = {
    alertname: 'KubePodCrashLooping',
    namespace: 'shop',
    pod,
    container: 'app',
    severity: 'warning',
    job: 'kube-state-metrics',
  };
  return JSON.stringify({
    version: '4',
    groupKey: `{}/{severity=~"warning|critical"}:{alertname="KubePodCrashLooping", pod="${pod}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'punchingfist',
    groupLabels: { alertname: 'KubePodCrashLooping', pod },
    commonLabels: labels,
    commonAnnotations: { summary: 'Pod is crash looping.' },
    externalURL: 'http://alertmanager.monitoring:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: {
          summary: 'Pod is crash looping.',
          description: `Pod shop/${pod} (app) is in waiting state (reason: "CrashLoopBackOff").`,
          runbook_url:
            'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
        },
        startsAt: '2026-11-22T03:14:00.000Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL:
          'http://prometheus.monitoring:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%5B5m%5D%29+%3E%3D+1',
        fingerprint: `fp-${tag}-${group}`,
      },
    ],
  });
}

export interface BenchRequest {
  readonly path: string;
  readonly body: Buffer;
}

/** Request i of a workload, spread over the Source paths by group; cycle bodies are built once. */
export function requestSource(
  workload: Workload,
  paths: readonly string[],
): (i: number) => BenchRequest {
  const cache = new Map<number, BenchRequest>();
  const build = (group: number): BenchRequest => ({
    path: paths[group % paths.length] ?? '/',
    body: Buffer.from(notificationBody(workload.tag, group)),
  });
  if (workload.kind === 'unique') return build;
  return (i) => {
    const group = i % workload.groups;
    let request = cache.get(group);
    if (request === undefined) {
      request = build(group);
      cache.set(group, request);
    }
    return request;
  };
}
