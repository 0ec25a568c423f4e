import type http from 'node:http';
import type { Logger } from 'pino';
import { parseAlertmanagerWebhook } from '../../core/alerts/alertmanager-webhook.ts';
import {
  type AlertmanagerSource,
  alertmanagerEvents,
} from '../../core/events/alertmanager-events.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { Clock } from '../../core/ports.ts';
import type { RunQueue } from '../../core/queue.ts';
import { parseDuration, type Source } from '../../core/resources/index.ts';
import { runName } from '../../core/run-store.ts';
import { sendJson } from '../http/server.ts';
import type { DedupStore } from '../redis/dedup-store.ts';
import type { RateLimiter } from '../redis/rate-limiter.ts';
import type { IngestMetrics } from './ingest-metrics.ts';
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
  readonly dedup: DedupStore;
  readonly limiter: RateLimiter;
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

async function ingest(
  deps: AlertmanagerIngestDeps,
  source: AlertmanagerSource,
  text: string,
): Promise<Reply> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(400, 'invalid_json', 'body is not valid JSON');
  }
  const parsed = parseAlertmanagerWebhook(json);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return fail(400, 'invalid_payload', `${first?.field}: ${first?.message}`, {
      problems: parsed.problems,
    });
  }
  const now = deps.clock.now();
  const { events, filtered } = alertmanagerEvents(parsed.value, source, now);
  const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  if (filtered > 0) deps.metrics.filtered.inc({ source: label }, filtered);
  if (source.spec.suspend) return { status: 200, body: { suspended: true }, outcome: 'suspended' };
  if (events.length === 0)
    return { status: 200, body: { accepted: false, filtered }, outcome: 'filtered' };
  const { eventsPerSecond, burst } = source.spec.rateLimit;
  const rate = await deps.limiter.take(label, eventsPerSecond, burst, now.getTime());
  if (!rate.allowed) {
    return {
      ...fail(
        429,
        'rate_limited',
        `more than ${eventsPerSecond} events/s for this Source (${rate.refused} refused recently)`,
      ),
      headers: { 'retry-after': '1' },
    };
  }
  const window = parseDuration(source.spec.dedup.window) ?? 300_000;
  const results = await Promise.all(events.map((e) => handleEvent(deps, source, e, window)));
  const enqueued = results.filter((r) => r.outcome === 'enqueued');
  const runs = results.map(({ outcome, runId, fingerprint, occurrences }) => ({
    outcome,
    runId,
    fingerprint,
    ...(occurrences === undefined ? {} : { occurrences }),
  }));
  if (enqueued.length > 0)
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

async function handleEvent(
  deps: AlertmanagerIngestDeps,
  source: Source,
  event: SourceEvent,
  windowMs: number,
): Promise<EventResult> {
  if (event.status === 'resolved') {
    const runId = (await deps.dedup.holder(event.fingerprint)) ?? null;
    deps.onEvent?.(source, 'resolved', event);
    return { outcome: 'resolved', runId, fingerprint: event.fingerprint };
  }
  const now = deps.clock.now();
  const claim = await deps.dedup.claim(
    event.fingerprint,
    runName(event.workflow, now),
    windowMs,
    now.getTime(),
  );
  if (claim.kind === 'duplicate') {
    deps.metrics.dedupHits.inc({ source: `${event.source.namespace}/${event.source.name}` });
    deps.onEvent?.(source, 'deduplicated', event);
    return {
      outcome: 'deduplicated',
      runId: claim.runId,
      fingerprint: event.fingerprint,
      occurrences: claim.occurrences,
    };
  }
  try {
    await deps.queue.enqueue({ runId: claim.runId, event });
  } catch (err) {
    // Nothing half-written: the claim goes back, so Alertmanager's retry starts the run.
    await deps.dedup.release(event.fingerprint, claim.runId);
    throw err;
  }
  deps.onEvent?.(source, 'enqueued', event);
  return { outcome: 'enqueued', runId: claim.runId, fingerprint: event.fingerprint };
}

export function createAlertmanagerHandler(deps: AlertmanagerIngestDeps) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const source = deps.sourceForPath(path);
    if (source === undefined || source.spec.type !== 'alertmanager') return false;
    const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
    const end = deps.metrics.duration.startTimer({ source: label });
    let reply: Reply;
    try {
      const admitted = await admit(deps, source as AlertmanagerSource, req);
      reply =
        typeof admitted === 'string'
          ? await ingest(deps, source as AlertmanagerSource, admitted)
          : admitted;
    } catch (err) {
      deps.logger.error({ err, source: label }, 'ingest failed');
      reply = fail(503, 'unavailable', 'could not enqueue the event; retry');
    }
    if (reply.outcome === 'rate_limited') deps.metrics.rateLimited.inc({ source: label });
    deps.metrics.requests.inc({ source: label, outcome: reply.outcome });
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    sendJson(res, reply.status, reply.body);
    end();
    return true;
  };
}
