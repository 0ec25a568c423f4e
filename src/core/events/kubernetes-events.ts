import type { KubeEvent } from '../kube/cluster-objects.ts';
import type { Source } from '../resources/index.ts';
import { fingerprintOf } from './fingerprint.ts';
import { kindLabels } from './kind-labels.ts';
import type { SourceEvent } from './source-event.ts';
import { type WorkloadRef, workloadKey } from './workload.ts';

/**
 * A Kubernetes Event → a SourceEvent for a kubernetes Source: the Source's
 * kinds, reasons, event types and namespaces decide which ones count; the
 * fingerprint is the involved object's workload (or the object itself)
 * plus the reason, so every BackOff of every pod of one Deployment is one
 * incident inside the dedup window.
 */
export type KubernetesSource = Source & {
  readonly spec: Extract<Source['spec'], { type: 'kubernetes' }>;
};

export function selects(source: KubernetesSource, event: KubeEvent): boolean {
  const w = source.spec.kubernetes;
  const o = event.involvedObject;
  const namespace = o.namespace ?? event.metadata.namespace;
  return (
    o.kind !== undefined &&
    w.kinds.includes(o.kind) &&
    (w.reasons === undefined || w.reasons.length === 0 || w.reasons.includes(event.reason ?? '')) &&
    w.eventTypes.includes((event.type ?? 'Normal') as 'Warning' | 'Normal') &&
    (w.namespaces === undefined ||
      w.namespaces.length === 0 ||
      (namespace !== undefined && w.namespaces.includes(namespace)))
  );
}

/** When the event was last seen, in ms (0 when it says nothing). */
export function lastSeen(event: KubeEvent): number {
  const at =
    event.series?.lastObservedTime ??
    event.lastTimestamp ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata.creationTimestamp;
  return at === undefined ? 0 : Date.parse(at) || 0;
}

export function kubernetesEvent(
  source: KubernetesSource,
  event: KubeEvent,
  workload: WorkloadRef | undefined,
  receivedAt: Date,
): SourceEvent {
  const o = event.involvedObject;
  const namespace = o.namespace ?? event.metadata.namespace ?? '';
  const kind = o.kind ?? 'Object';
  const name = o.name ?? '';
  const reason = event.reason ?? 'Unknown';
  const subject = workload === undefined ? `${kind}/${namespace}/${name}` : workloadKey(workload);
  const ns = source.metadata.namespace ?? 'default';
  const labels: Record<string, string> = { alertname: reason, reason, kind, namespace };
  const kindLabel = kindLabels[kind];
  if (kindLabel !== undefined) labels[kindLabel] = name;
  if (workload !== undefined && kindLabels[workload.kind] !== undefined)
    labels[kindLabels[workload.kind] ?? ''] = workload.name;
  const severity = event.type === 'Warning' ? 'warning' : 'info';
  labels.severity = severity;
  const where = workload === undefined ? `${namespace}/${name}` : `${namespace}/${workload.name}`;
  return {
    source: { namespace: ns, name: source.metadata.name, type: 'kubernetes' },
    workflow: source.spec.workflowRef.name,
    receivedAt: receivedAt.toISOString(),
    status: 'firing',
    fingerprint: fingerprintOf(`${ns}/${source.metadata.name}|kubernetes|${subject}|${reason}`),
    title: `${reason}: ${where}`,
    severity,
    labels,
    annotations: { message: (event.message ?? '').slice(0, 4096) },
    alerts: [],
  };
}
