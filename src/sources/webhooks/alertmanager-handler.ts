import type { EventEnricher } from '../../app/intake/event-enricher.ts';
import {
  type AlertmanagerAlert,
  type AlertmanagerWebhook,
  parseAlertmanagerWebhook,
} from '../../core/alerts/alertmanager-webhook.ts';
import {
  type AlertmanagerSource,
  alertmanagerEvents,
  compileFilters,
  type LabelFilter,
} from '../../core/events/alertmanager-events.ts';
import type { WorkloadRef } from '../../core/events/workload.ts';
import {
  createWebhookHandler,
  type Decoded,
  type Decoder,
  type WebhookDeps,
} from './webhook-handler.ts';
import { fail } from './webhook-reply.ts';

/**
 * POST /webhooks/<namespace>/<source> for Alertmanager Sources: the v4
 * webhook schema and the Source's filters; the rest (auth, limits, rate
 * limit, dedup, enqueue) is the shared webhook handler's. With
 * `dedup.key: workload` each alert's pod is resolved to its workload first.
 */
export type AlertmanagerIngestDeps = WebhookDeps;
export type { IngestOutcome } from '../../app/intake/event-intake.ts';

function parseBody(text: string): Decoded | AlertmanagerWebhook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: fail(400, 'invalid_json', 'body is not valid JSON') };
  }
  const parsed = parseAlertmanagerWebhook(json);
  if (parsed.ok) return parsed.value;
  const first = parsed.problems[0];
  return {
    ok: false,
    reply: fail(400, 'invalid_payload', `${first?.field}: ${first?.message}`, {
      problems: parsed.problems,
    }),
  };
}

/** Each accepted alert's workload, looked up once per notification. */
async function workloadsOf(
  enricher: EventEnricher,
  label: string,
  alerts: readonly AlertmanagerAlert[],
): Promise<(a: AlertmanagerAlert) => WorkloadRef | undefined> {
  const found = await enricher.workloads(
    label,
    alerts.map((a) => a.labels),
  );
  const byAlert = new Map(alerts.map((a, i) => [a, found[i]]));
  return (a) => byAlert.get(a);
}

function compile(deps: WebhookDeps, source: AlertmanagerSource): Decoder {
  const accept: LabelFilter = compileFilters(source);
  const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  const byWorkload = source.spec.dedup.key === 'workload' ? deps.enricher : undefined;
  return async (text, now) => {
    const body = parseBody(text);
    if ('ok' in body) return body;
    const workloadOf =
      byWorkload === undefined
        ? undefined
        : await workloadsOf(
            byWorkload,
            label,
            body.alerts.filter((a) => accept(a.labels)),
          );
    return { ok: true, ...alertmanagerEvents(body, source, now, accept, workloadOf) };
  };
}

export function createAlertmanagerHandler(deps: AlertmanagerIngestDeps) {
  return createWebhookHandler<AlertmanagerSource>(deps, {
    type: 'alertmanager',
    compile: (source) => compile(deps, source),
  });
}
