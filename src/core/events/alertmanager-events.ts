import {
  type AlertmanagerAlert,
  type AlertmanagerWebhook,
  isZeroTime,
} from '../alerts/alertmanager-webhook.ts';
import { type CompiledMatcher, compileMatcher, matchesAll } from '../alerts/matchers.ts';
import type { Source } from '../resources/index.ts';
import { fingerprintOf } from './fingerprint.ts';
import type { AlertSummary, SourceEvent } from './source-event.ts';
import { type WorkloadRef, workloadKey } from './workload.ts';

/**
 * An Alertmanager notification → SourceEvents: the alerts the Source's
 * filters accept, one event per group (default) or per alert, each with its
 * fingerprint. Pure; for `workload` dedup the adapter asks the API server
 * who owns each alert's pod and passes the answers as `workloadOf`: alerts
 * of one workload become one event keyed by it, the rest one group event.
 */
export type AlertmanagerSource = Source & {
  readonly spec: Extract<Source['spec'], { type: 'alertmanager' }>;
};

export interface Filtered {
  readonly events: readonly SourceEvent[];
  readonly filtered: number;
}

export type LabelFilter = (labels: Readonly<Record<string, string>>) => boolean;

/** The Source's filters as one predicate; compile once per Source object and reuse it. */
export function compileFilters(source: {
  readonly spec: Pick<AlertmanagerSource['spec'], 'filters'>;
}): LabelFilter {
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

// Built property by property rather than with conditional spreads: this runs
// for every alert of every notification, and spreads of literals are slow.
function summary(a: AlertmanagerAlert): AlertSummary {
  const out: Mutable<AlertSummary> = {
    fingerprint: a.fingerprint,
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
  };
  if (!isZeroTime(a.endsAt)) out.endsAt = a.endsAt;
  if (a.generatorURL !== '') out.generatorURL = a.generatorURL;
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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

/** Each accepted alert's workload, when known (`dedup.key: workload`). */
export type WorkloadOf = (alert: AlertmanagerAlert) => WorkloadRef | undefined;

export function alertmanagerEvents(
  payload: AlertmanagerWebhook,
  source: AlertmanagerSource,
  receivedAt: Date,
  accept: LabelFilter = compileFilters(source),
  workloadOf?: WorkloadOf,
): Filtered {
  const kept = payload.alerts.filter((a) => accept(a.labels));
  const filtered = payload.alerts.length - kept.length;
  if (kept.length === 0) return { events: [], filtered };
  const ns = source.metadata.namespace ?? 'default';
  const name = source.metadata.name;
  const base: EventBase = {
    source: { namespace: ns, name, type: 'alertmanager' },
    workflow: source.spec.workflowRef.name,
    receivedAt: receivedAt.toISOString(),
    groupKey: payload.groupKey,
    externalURL: payload.externalURL,
  };
  if (source.spec.dedup.key === 'alert') {
    const events = kept.map((a) =>
      eventOf(base, {
        status: a.status,
        fingerprint: fingerprintOf(`${ns}/${name}|alert|${a.fingerprint}`),
        title: titleOf(a.labels, 1),
        labels: a.labels,
        annotations: a.annotations,
        alerts: [summary(a)],
      }),
    );
    return { events, filtered };
  }
  if (source.spec.dedup.key === 'workload' && workloadOf !== undefined) {
    return { events: byWorkload(payload, base, kept, workloadOf), filtered };
  }
  const all = kept.length === payload.alerts.length;
  const event = groupEvent(payload, base, kept, `group|${payload.groupKey}`, all);
  return { events: [event], filtered };
}

function groupEvent(
  payload: AlertmanagerWebhook,
  base: EventBase,
  kept: readonly AlertmanagerAlert[],
  key: string,
  all: boolean,
): SourceEvent {
  const labels = all ? payload.commonLabels : commonOf(kept.map((a) => a.labels));
  const firing = kept.some((a) => a.status === 'firing');
  return eventOf(base, {
    status: firing ? 'firing' : 'resolved',
    fingerprint: fingerprintOf(`${base.source.namespace}/${base.source.name}|${key}`),
    title: titleOf(
      kept.length === 1 && kept[0] !== undefined ? kept[0].labels : labels,
      kept.length,
    ),
    labels,
    annotations: payload.commonAnnotations,
    alerts: kept.map(summary),
    truncatedAlerts: payload.truncatedAlerts,
  });
}

/** One event per workload; alerts whose workload is unknown stay together under the group key. */
function byWorkload(
  payload: AlertmanagerWebhook,
  base: EventBase,
  kept: readonly AlertmanagerAlert[],
  workloadOf: WorkloadOf,
): SourceEvent[] {
  const groups = new Map<string, AlertmanagerAlert[]>();
  for (const a of kept) {
    const w = workloadOf(a);
    const key = w === undefined ? `group|${payload.groupKey}` : `workload|${workloadKey(w)}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const all = groups.size === 1 && kept.length === payload.alerts.length;
  return [...groups].map(([key, alerts]) => groupEvent(payload, base, alerts, key, all));
}

type EventBase = Required<
  Pick<SourceEvent, 'source' | 'workflow' | 'receivedAt' | 'groupKey' | 'externalURL'>
>;

interface EventParts {
  readonly status: SourceEvent['status'];
  readonly fingerprint: string;
  readonly title: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly alerts: readonly AlertSummary[];
  readonly truncatedAlerts?: number;
}

function eventOf(base: EventBase, parts: EventParts): SourceEvent {
  const event: Mutable<SourceEvent> = {
    source: base.source,
    workflow: base.workflow,
    receivedAt: base.receivedAt,
    groupKey: base.groupKey,
    externalURL: base.externalURL,
    status: parts.status,
    fingerprint: parts.fingerprint,
    title: parts.title,
    labels: parts.labels,
    annotations: parts.annotations,
    alerts: parts.alerts,
  };
  const severity = parts.labels.severity;
  if (severity !== undefined) event.severity = severity;
  if (parts.truncatedAlerts !== undefined) event.truncatedAlerts = parts.truncatedAlerts;
  return event;
}

function commonOf(sets: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (first === undefined) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([k, v]) => rest.every((s) => s[k] === v)),
  );
}
