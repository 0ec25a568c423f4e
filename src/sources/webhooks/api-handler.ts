import type { EventEnricher } from '../../app/intake/event-enricher.ts';
import { compileFilters } from '../../core/events/alertmanager-events.ts';
import { type ApiSource, apiEvent, keyedByWorkload } from '../../core/events/api-events.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import {
  createWebhookHandler,
  type Decoded,
  type Decoder,
  type WebhookDeps,
} from './webhook-handler.ts';
import { fail } from './webhook-reply.ts';

/**
 * POST /webhooks/<namespace>/<source> for api Sources: any JSON body,
 * mapped to one event by the Source's mapping (JSONPath or mustache), then
 * the Source's filters over the mapped labels; auth, limits, rate limit,
 * dedup and enqueue are the shared webhook handler's.
 */
function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

const invalidJson: Decoded = {
  ok: false,
  reply: fail(400, 'invalid_json', 'body is not valid JSON'),
};

async function rekey(
  enricher: EventEnricher,
  label: string,
  event: SourceEvent,
): Promise<SourceEvent> {
  const [workload] = await enricher.workloads(label, [event.labels]);
  return workload === undefined ? event : keyedByWorkload(event, workload);
}

function compile(deps: WebhookDeps, source: ApiSource): Decoder {
  const accept = compileFilters(source);
  const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  const byWorkload = source.spec.dedup.key === 'workload' ? deps.enricher : undefined;
  return async (text, now) => {
    const body = parseJson(text);
    if (body === undefined) return invalidJson;
    const mapped = apiEvent(body.value, source, now);
    if (!mapped.ok) {
      const message = `${mapped.field}: ${mapped.message}`;
      return { ok: false, reply: fail(400, 'invalid_payload', message, { field: mapped.field }) };
    }
    if (!accept(mapped.event.labels)) return { ok: true, events: [], filtered: 1 };
    const event =
      byWorkload === undefined ? mapped.event : await rekey(byWorkload, label, mapped.event);
    return { ok: true, events: [event], filtered: 0 };
  };
}

export function createApiHandler(deps: WebhookDeps) {
  return createWebhookHandler<ApiSource>(deps, {
    type: 'api',
    compile: (source) => compile(deps, source),
  });
}
