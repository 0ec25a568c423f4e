import Mustache from 'mustache';
import { z } from 'zod';
import { kindFromAlias } from '../kube/kinds.ts';
import type { Source } from '../resources/index.ts';
import { fingerprintOf } from './fingerprint.ts';
import { evaluateJsonPath } from './json-path.ts';
import { kindLabels } from './kind-labels.ts';
import type { SourceEvent } from './source-event.ts';
import { type WorkloadRef, workloadKey } from './workload.ts';

/**
 * A generic JSON body → one SourceEvent, by the api Source's mapping: each
 * field a JSONPath into the body or a mustache template over `{ body }`.
 * What the mapping yields is checked like any input; a problem names the
 * mapping field (`mapping.summary: … matched nothing in the body`).
 */
export type ApiSource = Source & { readonly spec: Extract<Source['spec'], { type: 'api' }> };
export type Mapping = ApiSource['spec']['api']['mapping'];

export type ApiEventResult =
  | { readonly ok: true; readonly event: SourceEvent }
  | { readonly ok: false; readonly field: string; readonly message: string };

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** The value of one mapping field, or undefined when the body has none. */
export function mapField(mapping: string, body: unknown): string | undefined {
  if (mapping.startsWith('$')) {
    const values = (evaluateJsonPath(mapping, body) ?? []).map(text);
    const found = values.filter((v): v is string => v !== undefined && v !== '');
    return found.length === 0 ? undefined : found.join(', ');
  }
  const rendered = Mustache.render(mapping, { body }, {}, { escape: (v) => text(v) ?? '' });
  return rendered === '' ? undefined : rendered;
}

const mapped = z.strictObject({
  summary: z.string().min(1).max(1024),
  fingerprint: z.string().max(1024).optional(),
  severity: z.string().max(63).optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  alertname: z.string().max(253).optional(),
  namespace: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
    .optional(),
  target: z
    .string()
    .max(317)
    .regex(/^[A-Za-z.]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be kind/name')
    .optional(),
  labels: z.record(z.string(), z.string().max(1024)).optional(),
});

function evaluate(mapping: Mapping, body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, expr] of Object.entries(mapping)) {
    if (typeof expr === 'string') {
      const value = mapField(expr, body);
      if (value !== undefined) out[field] = value;
    } else if (expr !== undefined) {
      const labels: Record<string, string> = {};
      for (const [name, e] of Object.entries(expr)) {
        const value = mapField(e, body);
        if (value !== undefined) labels[name] = value;
      }
      out[field] = labels;
    }
  }
  return out;
}

function problem(error: z.ZodError, mapping: Mapping): ApiEventResult {
  const issue = error.issues[0];
  const field = `mapping.${issue?.path.join('.') ?? ''}`;
  const missing = issue?.path.length === 1 && issue.code === 'invalid_type';
  const expr = issue?.path[0] === 'summary' ? mapping.summary : undefined;
  const message = missing
    ? `${expr ?? 'the mapping'} matched nothing in the body`
    : (issue?.message ?? 'invalid');
  return { ok: false, field, message };
}

export function apiEvent(body: unknown, source: ApiSource, receivedAt: Date): ApiEventResult {
  const mapping = source.spec.api.mapping;
  const parsed = mapped.safeParse(evaluate(mapping, body));
  if (!parsed.success) return problem(parsed.error, mapping);
  const m = parsed.data;
  const labels: Record<string, string> = { ...m.labels };
  if (m.severity !== undefined) labels.severity = m.severity;
  if (m.alertname !== undefined) labels.alertname = m.alertname;
  if (m.namespace !== undefined) labels.namespace = m.namespace;
  if (m.target !== undefined) {
    labels.target = m.target;
    const [kind = '', name = ''] = m.target.split('/');
    // A target adds `target`, and the kind's own label for dedup and investigation.
    const label = kindLabels[kindFromAlias(kind) ?? ''];
    if (label !== undefined) labels[label] = name;
  }
  const ns = source.metadata.namespace ?? 'default';
  const key =
    m.fingerprint ??
    (Object.keys(labels).length === 0
      ? `title|${m.summary}`
      : JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))));
  const event: SourceEvent = {
    source: { namespace: ns, name: source.metadata.name, type: 'api' },
    workflow: source.spec.workflowRef.name,
    receivedAt: receivedAt.toISOString(),
    status: m.status ?? 'firing',
    fingerprint: fingerprintOf(`${ns}/${source.metadata.name}|api|${key}`),
    title: m.summary,
    labels,
    annotations: { summary: m.summary },
    alerts: [],
    ...(m.severity === undefined ? {} : { severity: m.severity }),
  };
  return { ok: true, event };
}

/** The event keyed by its workload (`dedup.key: workload`), like Alertmanager events are. */
export function keyedByWorkload(event: SourceEvent, workload: WorkloadRef): SourceEvent {
  const { namespace, name } = event.source;
  return {
    ...event,
    fingerprint: fingerprintOf(`${namespace}/${name}|workload|${workloadKey(workload)}`),
  };
}
