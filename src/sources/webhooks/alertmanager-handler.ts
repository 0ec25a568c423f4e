import type http from 'node:http';
import type { Logger } from 'pino';
import {
  type AlertmanagerWebhook,
  parseAlertmanagerWebhook,
} from '../../core/alerts/alertmanager-webhook.ts';
import {
  type AlertmanagerSource,
  alertmanagerEvents,
  compileFilters,
  type LabelFilter,
} from '../../core/events/alertmanager-events.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { Clock } from '../../core/ports.ts';
import type { RunQueue } from '../../core/queue.ts';
import { parseDuration, type Source } from '../../core/resources/index.ts';
import { runName } from '../../core/run-store.ts';
import { sendJson } from '../http/server.ts';
import type { DedupStore } from '../redis/dedup-store.ts';
import type { GateEvent, GateResult, IngestGate } from '../redis/ingest-gate.ts';
import { type IngestMetrics, type SourceMetrics, sourceMetrics } from './ingest-metrics.ts';
import { readBody } from './read-body.ts';
import { authenticate, type SecretReader } from './webhook-auth.ts';

/**
 * POST /webhooks/<namespace>/<source> for Alertmanager Sources: content
 * type, size, auth, schema, filters, rate limit, dedup — then one job per
 * new incident, answered 202 only once the job is in Redis. Nothing runs in
 * the request. Bad input gets a 4xx naming the problem and enqueues nothing.
 */
export interface AlertmanagerIngestDeps {
  readonly sourceForPath: (path: string) => Source | undefined;
  readonly secrets: SecretReader;
  /** The rate limit and dedup claims of a request, in one Redis round trip. */
  readonly gate: IngestGate;
  /** Gives a claim back when its enqueue failed. */
  readonly dedup: Pick<DedupStore, 'release'>;
  readonly queue: RunQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: IngestMetrics;
  readonly onEvent?: (source: Source, outcome: IngestOutcome, event?: SourceEvent) => void;
  readonly bodyLimitBytes?: number;
}

export type IngestOutcome =
  | 'enqueued'
  | 'deduplicated'
  | 'resolved'
  | 'filtered'
  | 'suspended'
  | 'rate_limited';

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly outcome: string;
  readonly headers?: Record<string, string>;
}

const fail = (
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
): Reply => ({
  status,
  body: { error, message, ...extra },
  outcome: error,
});

async function admit(
  deps: AlertmanagerIngestDeps,
  source: AlertmanagerSource,
  req: http.IncomingMessage,
): Promise<Reply | string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return fail(
      415,
      'unsupported_media_type',
      `content-type must be application/json (got "${type || 'none'}")`,
    );
  const ns = source.metadata.namespace ?? 'default';
  const auth = await authenticate(source.spec, ns, req.headers.authorization, deps.secrets);
  if (!auth.ok) {
    if (auth.detail !== undefined)
      deps.logger.warn({ source: `${ns}/${source.metadata.name}` }, auth.detail);
    return fail(401, 'unauthorized', auth.message);
  }
  const body = await readBody(req, deps.bodyLimitBytes ?? 1024 * 1024);
  if (!body.ok)
    return fail(
      413,
      'payload_too_large',
      `body larger than ${deps.bodyLimitBytes ?? 1024 * 1024} bytes`,
    );
  return body.text;
}

/** What the handler derives once per Source object (a new generation is a new object). */
interface SourceContext {
  readonly label: string;
  readonly accept: LabelFilter;
  readonly windowMs: number;
  readonly metrics: SourceMetrics;
}

function sourceContext(source: AlertmanagerSource, metrics: IngestMetrics): SourceContext {
  const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  return {
    label,
    accept: compileFilters(source),
    windowMs: parseDuration(source.spec.dedup.window) ?? 300_000,
    metrics: sourceMetrics(metrics, label),
  };
}

function parseBody(
  text: string,
):
  | { readonly ok: true; readonly value: AlertmanagerWebhook }
  | { readonly ok: false; readonly reply: Reply } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: fail(400, 'invalid_json', 'body is not valid JSON') };
  }
  const parsed = parseAlertmanagerWebhook(json);
  if (parsed.ok) return parsed;
  const first = parsed.problems[0];
  return {
    ok: false,
    reply: fail(400, 'invalid_payload', `${first?.field}: ${first?.message}`, {
      problems: parsed.problems,
    }),
  };
}

async function ingest(
  deps: AlertmanagerIngestDeps,
  source: AlertmanagerSource,
  context: SourceContext,
  text: string,
): Promise<Reply> {
  const body = parseBody(text);
  if (!body.ok) return body.reply;
  const now = deps.clock.now();
  const { events, filtered } = alertmanagerEvents(body.value, source, now, context.accept);
  if (filtered > 0) context.metrics.filtered(filtered);
  if (source.spec.suspend) return { status: 200, body: { suspended: true }, outcome: 'suspended' };
  if (events.length === 0)
    return { status: 200, body: { accepted: false, filtered }, outcome: 'filtered' };
  const { eventsPerSecond, burst } = source.spec.rateLimit;
  const gate = await deps.gate.admit({
    bucket: context.label,
    rate: eventsPerSecond,
    burst,
    windowMs: context.windowMs,
    nowMs: now.getTime(),
    events: events.map(
      (e): GateEvent =>
        e.status === 'resolved'
          ? { fingerprint: e.fingerprint }
          : { fingerprint: e.fingerprint, runId: runName(e.workflow, now) },
    ),
  });
  if (!gate.allowed) {
    return {
      ...fail(
        429,
        'rate_limited',
        `more than ${eventsPerSecond} events/s for this Source (${gate.refused} refused recently)`,
      ),
      headers: { 'retry-after': '1' },
    };
  }
  const results = await Promise.all(
    events.map((e, i) => settle(deps, source, context, e, gate.results[i])),
  );
  return replyFor(results, filtered);
}

function replyFor(results: readonly EventResult[], filtered: number): Reply {
  const runs = results.map(({ outcome, runId, fingerprint, occurrences }) => ({
    outcome,
    runId,
    fingerprint,
    ...(occurrences === undefined ? {} : { occurrences }),
  }));
  if (results.some((r) => r.outcome === 'enqueued'))
    return { status: 202, body: { accepted: true, runs, filtered }, outcome: 'enqueued' };
  if (results.every((r) => r.outcome === 'resolved'))
    return { status: 200, body: { resolved: true, runs }, outcome: 'resolved' };
  return { status: 200, body: { deduplicated: true, runs, filtered }, outcome: 'deduplicated' };
}

interface EventResult {
  readonly outcome: 'enqueued' | 'deduplicated' | 'resolved';
  readonly runId: string | null;
  readonly fingerprint: string;
  readonly occurrences?: number;
}

/** An event after the gate: resolved (recorded), joined to its run, or enqueued as a new run. */
async function settle(
  deps: AlertmanagerIngestDeps,
  source: Source,
  context: SourceContext,
  event: SourceEvent,
  result: GateResult | undefined,
): Promise<EventResult> {
  if (result === undefined) throw new Error('the ingest gate answered for fewer events than asked');
  if (result.kind === 'holder') {
    deps.onEvent?.(source, 'resolved', event);
    return { outcome: 'resolved', runId: result.runId ?? null, fingerprint: event.fingerprint };
  }
  if (result.kind === 'duplicate') {
    context.metrics.dedupHit();
    deps.onEvent?.(source, 'deduplicated', event);
    return {
      outcome: 'deduplicated',
      runId: result.runId,
      fingerprint: event.fingerprint,
      occurrences: result.occurrences,
    };
  }
  try {
    await deps.queue.enqueue({ runId: result.runId, event });
  } catch (err) {
    // Nothing half-written: the claim goes back, so Alertmanager's retry starts the run.
    await deps.dedup.release(event.fingerprint, result.runId);
    throw err;
  }
  deps.onEvent?.(source, 'enqueued', event);
  return { outcome: 'enqueued', runId: result.runId, fingerprint: event.fingerprint };
}

export function createAlertmanagerHandler(deps: AlertmanagerIngestDeps) {
  const contexts = new WeakMap<Source, SourceContext>();
  const contextOf = (source: AlertmanagerSource) => {
    let context = contexts.get(source);
    if (context === undefined) {
      context = sourceContext(source, deps.metrics);
      contexts.set(source, context);
    }
    return context;
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const source = deps.sourceForPath(path);
    if (source === undefined || source.spec.type !== 'alertmanager') return false;
    const context = contextOf(source as AlertmanagerSource);
    const end = context.metrics.startTimer();
    let reply: Reply;
    try {
      const admitted = await admit(deps, source as AlertmanagerSource, req);
      reply =
        typeof admitted === 'string'
          ? await ingest(deps, source as AlertmanagerSource, context, admitted)
          : admitted;
    } catch (err) {
      deps.logger.error({ err, source: context.label }, 'ingest failed');
      reply = fail(503, 'unavailable', 'could not enqueue the event; retry');
    }
    if (reply.outcome === 'rate_limited') context.metrics.rateLimited();
    context.metrics.request(reply.outcome);
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    sendJson(res, reply.status, reply.body);
    end();
    return true;
  };
}
