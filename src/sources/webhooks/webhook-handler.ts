import type http from 'node:http';
import type { Logger } from 'pino';
import { sendJson } from '../../adapters/http/server.ts';
import { classifierOf, type EventEnricher } from '../../app/intake/event-enricher.ts';
import {
  type EventResult,
  type IntakeContext,
  type IntakeDeps,
  intake,
} from '../../app/intake/event-intake.ts';
import type { AlertThreadNotifier } from '../../core/alert-thread-notifier.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { Clock } from '../../core/ports.ts';
import { parseDuration, type Source } from '../../core/resources/index.ts';
import { type IngestMetrics, type SourceMetrics, sourceMetrics } from './ingest-metrics.ts';
import { readBody } from './read-body.ts';
import { authenticate, type SecretReader } from './webhook-auth.ts';
import { fail, type Reply, replyFor } from './webhook-reply.ts';

/**
 * POST /webhooks/<namespace>/<source> for one webhook Source type: content
 * type, size, auth, then the type's decoder (schema, mapping, filters),
 * classification, rate limit and dedup — one job per new incident,
 * answered 202 only once the job is in Redis. Nothing runs in the request.
 * Bad input gets a 4xx naming the problem and enqueues nothing.
 */
export type WebhookSource = Source & {
  readonly spec: Extract<Source['spec'], { type: 'alertmanager' | 'api' }>;
};

export interface WebhookDeps extends IntakeDeps {
  readonly sourceForPath: (path: string) => Source | undefined;
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: IngestMetrics;
  /** Classification (and workload lookups) from the cluster; none: events go as decoded. */
  readonly enricher?: EventEnricher;
  readonly bodyLimitBytes?: number;
  /** Re-fires and resolutions of alert groups, for their chat threads (never awaited). */
  readonly alertThreads?: AlertThreadNotifier;
}

export type Decoded =
  | { readonly ok: true; readonly events: readonly SourceEvent[]; readonly filtered: number }
  | { readonly ok: false; readonly reply: Reply };

/** A type's body → events, compiled once per Source object. */
export type Decoder = (text: string, now: Date) => Promise<Decoded>;

export interface WebhookType<S extends WebhookSource> {
  readonly type: S['spec']['type'];
  compile(source: S): Decoder;
}

interface Context extends IntakeContext {
  readonly decode: Decoder;
  readonly metrics: SourceMetrics;
}

async function admit(
  deps: WebhookDeps,
  source: WebhookSource,
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
  const limit = deps.bodyLimitBytes ?? 1024 * 1024;
  const body = await readBody(req, limit);
  if (!body.ok) return fail(413, 'payload_too_large', `body larger than ${limit} bytes`);
  return body.text;
}

/** Tells the chat threads of re-fired and resolved groups, without holding the reply. */
function notifyThreads(
  deps: WebhookDeps,
  events: readonly SourceEvent[],
  results: readonly EventResult[],
): void {
  const threads = deps.alertThreads;
  if (threads === undefined) return;
  results.forEach((r, i) => {
    const event = events[i];
    if (event === undefined) return;
    const told =
      r.outcome === 'deduplicated'
        ? threads.refired(event, r.occurrences ?? 2)
        : r.outcome === 'resolved'
          ? threads.resolved(event)
          : undefined;
    void told?.catch((err: unknown) =>
      deps.logger.warn({ err, fingerprint: event.fingerprint }, 'alert thread not updated'),
    );
  });
}

async function ingest(
  deps: WebhookDeps,
  source: WebhookSource,
  context: Context,
  text: string,
): Promise<Reply> {
  const now = deps.clock.now();
  const decoded = await context.decode(text, now);
  if (!decoded.ok) return decoded.reply;
  const { filtered } = decoded;
  if (filtered > 0) context.metrics.filtered(filtered);
  if (source.spec.suspend) return { status: 200, body: { suspended: true }, outcome: 'suspended' };
  if (decoded.events.length === 0)
    return { status: 200, body: { accepted: false, filtered }, outcome: 'filtered' };
  const events = decoded.events;
  const result = await intake(deps, source, context, events, now);
  if (!result.allowed) return rateLimited(source, result.refused);
  notifyThreads(deps, events, result.results);
  return replyFor(result.results, filtered);
}

function rateLimited(source: WebhookSource, refused: number): Reply {
  return {
    ...fail(
      429,
      'rate_limited',
      `more than ${source.spec.rateLimit.eventsPerSecond} events/s for this Source (${refused} refused recently)`,
    ),
    headers: { 'retry-after': '1' },
  };
}

export function createWebhookHandler<S extends WebhookSource>(
  deps: WebhookDeps,
  kind: WebhookType<S>,
) {
  const contexts = new WeakMap<Source, Context>();
  const contextOf = (source: S): Context => {
    let context = contexts.get(source);
    if (context === undefined) {
      const label = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
      const metrics = sourceMetrics(deps.metrics, label);
      context = {
        label,
        windowMs: parseDuration(source.spec.dedup.window) ?? 300_000,
        dedupHit: () => metrics.dedupHit(),
        ...classifierOf(deps.enricher, source.spec.classification),
        decode: kind.compile(source),
        metrics,
      };
      contexts.set(source, context);
    }
    return context;
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const source = deps.sourceForPath(path);
    if (source === undefined || source.spec.type !== kind.type) return false;
    const context = contextOf(source as S);
    const end = context.metrics.startTimer();
    let reply: Reply;
    try {
      const admitted = await admit(deps, source as S, req);
      reply =
        typeof admitted === 'string'
          ? await ingest(deps, source as S, context, admitted)
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
