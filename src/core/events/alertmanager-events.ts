import { createHash } from 'node:crypto';
import {
  type AlertmanagerAlert,
  type AlertmanagerWebhook,
  isZeroTime,
} from '../alerts/alertmanager-webhook.ts';
import { type CompiledMatcher, compileMatcher, matchesAll } from '../alerts/matchers.ts';
import type { Source } from '../resources/index.ts';
import type { AlertSummary, SourceEvent } from './source-event.ts';

/**
 * An Alertmanager notification → SourceEvents: the alerts the Source's
 * filters accept, one event per group (default) or per alert, each with its
 * fingerprint. Pure; `workload` dedup is refined by the adapter, which can
 * ask the API server who owns a pod.
 */
export type AlertmanagerSource = Source & {
  readonly spec: Extract<Source['spec'], { type: 'alertmanager' }>;
};

export interface Filtered {
  readonly events: readonly SourceEvent[];
  readonly filtered: number;
}

export function compileFilters(
  source: AlertmanagerSource,
): (labels: Readonly<Record<string, string>>) => boolean {
  const f = source.spec.filters;
  const matchers = (f?.matchers ?? [])
    .map((m) => compileMatcher({ name: m.label, operator: m.operator, value: m.value }))
    .flatMap((c): CompiledMatcher[] => (c.ok ? [c.matcher] : []));
  const severities = new Set(f?.severities ?? []);
  const names = new Set(f?.alertnames ?? []);
  return (labels) =>
    matchesAll(matchers, labels) &&
    (severities.size === 0 || severities.has(labels.severity ?? '')) &&
    (names.size === 0 || names.has(labels.alertname ?? ''));
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

function summary(a: AlertmanagerAlert): AlertSummary {
  return {
    fingerprint: a.fingerprint,
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    ...(isZeroTime(a.endsAt) ? {} : { endsAt: a.endsAt }),
    ...(a.generatorURL === '' ? {} : { generatorURL: a.generatorURL }),
  };
}

function titleOf(labels: Readonly<Record<string, string>>, count: number): string {
  const name = labels.alertname ?? 'Alert';
  const where = [
    labels.namespace,
    labels.pod ?? labels.deployment ?? labels.job_name ?? labels.node,
  ]
    .filter((p): p is string => p !== undefined)
    .join('/');
  const more = count > 1 ? ` (${count} alerts)` : '';
  return `${name}${where === '' ? '' : `: ${where}`}${more}`;
}

export function alertmanagerEvents(
  payload: AlertmanagerWebhook,
  source: AlertmanagerSource,
  receivedAt: Date,
): Filtered {
  const accept = compileFilters(source);
  const kept = payload.alerts.filter((a) => accept(a.labels));
  const ns = source.metadata.namespace ?? 'default';
  const base = {
    source: { namespace: ns, name: source.metadata.name, type: 'alertmanager' },
    workflow: source.spec.workflowRef.name,
    receivedAt: receivedAt.toISOString(),
    groupKey: payload.groupKey,
    externalURL: payload.externalURL,
  };
  const filtered = payload.alerts.length - kept.length;
  if (kept.length === 0) return { events: [], filtered };
  if (source.spec.dedup.key === 'alert') {
    const events = kept.map((a) => ({
      ...base,
      status: a.status,
      fingerprint: hash(`${ns}/${source.metadata.name}|alert|${a.fingerprint}`),
      title: titleOf(a.labels, 1),
      ...(a.labels.severity === undefined ? {} : { severity: a.labels.severity }),
      labels: a.labels,
      annotations: a.annotations,
      alerts: [summary(a)],
    }));
    return { events, filtered };
  }
  const labels =
    kept.length === payload.alerts.length
      ? payload.commonLabels
      : commonOf(kept.map((a) => a.labels));
  const firing = kept.some((a) => a.status === 'firing');
  const event: SourceEvent = {
    ...base,
    status: firing ? 'firing' : 'resolved',
    fingerprint: hash(`${ns}/${source.metadata.name}|group|${payload.groupKey}`),
    title: titleOf(
      kept.length === 1 && kept[0] !== undefined ? kept[0].labels : labels,
      kept.length,
    ),
    ...(labels.severity === undefined ? {} : { severity: labels.severity }),
    labels,
    annotations: payload.commonAnnotations,
    alerts: kept.map(summary),
    truncatedAlerts: payload.truncatedAlerts,
  };
  return { events: [event], filtered };
}

function commonOf(sets: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (first === undefined) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([k, v]) => rest.every((s) => s[k] === v)),
  );
}
