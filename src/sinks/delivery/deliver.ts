import type { Clock } from '../../core/ports.ts';
import { parseDuration } from '../../core/resources/duration.ts';
import type { Delivery } from '../../core/sinks/sink-plan.ts';
import type { SecretReader } from '../../sources/webhooks/webhook-auth.ts';

/**
 * Sending one planned delivery: webhook (JSON over HTTP, optional bearer
 * token from a Secret), stdout (one log line), alertmanager (a silence for
 * the alert's labels through the API v2). A refused request is a
 * DeliveryError; `retry` says whether trying again can help (5xx, 408,
 * 429, network) or not (other 4xx, no URL).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface DeliverDeps {
  readonly fetch: typeof fetch;
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly log: (line: Record<string, unknown>, message: string) => void;
  readonly alertmanagerUrl?: string;
  readonly timeoutMs?: number;
}

async function credential(deps: DeliverDeps, d: Delivery): Promise<string | undefined> {
  const ref = 'credentials' in d.spec ? d.spec.credentials : undefined;
  if (ref === undefined) return undefined;
  const value = await deps.secrets.read(d.sink.namespace, ref.name, ref.key);
  if (value === undefined)
    throw new DeliveryError(`credentials: Secret ${ref.name}/${ref.key} is missing`, true);
  return value;
}

async function send(deps: DeliverDeps, url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000) });
  } catch (err) {
    throw new DeliveryError(`${url}: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  if (res.ok) return res;
  const text = (await res.text().catch(() => '')).slice(0, 300);
  const retry = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(`${url}: HTTP ${res.status} ${text}`.trim(), retry);
}

/** The webhook body: the rendered template when it is JSON, else a JSON envelope around it. */
function webhookBody(d: Delivery): string {
  try {
    JSON.parse(d.message);
    return d.message;
  } catch {
    return JSON.stringify({
      run: d.run.name,
      namespace: d.run.namespace,
      workflow: d.run.workflow,
      phase: d.phase,
      text: d.message,
      event: {
        title: d.event.title,
        fingerprint: d.event.fingerprint,
        severity: d.event.severity,
        environment: d.event.environment,
        priority: d.event.priority,
        labels: d.event.labels,
      },
    });
  }
}

async function webhook(deps: DeliverDeps, d: Delivery): Promise<string> {
  if (d.spec.type !== 'webhook') throw new DeliveryError('not a webhook Sink', false);
  const token = await credential(deps, d);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': d.id,
  };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  await send(deps, d.spec.target.url, {
    method: d.spec.target.method,
    headers,
    body: webhookBody(d),
  });
  return `sent to ${d.spec.target.url}`;
}

/** Matchers of the silence: the labels every alert of the run shares (the event's labels). */
function matchers(d: Delivery) {
  const labels = Object.entries(d.event.labels).filter(([k]) => !k.startsWith('__'));
  if (labels.length === 0) throw new DeliveryError('the run has no alert labels to silence', false);
  return labels.map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

async function silence(deps: DeliverDeps, d: Delivery): Promise<string> {
  if (d.spec.type !== 'alertmanager') throw new DeliveryError('not an alertmanager Sink', false);
  const base = d.spec.target?.url ?? deps.alertmanagerUrl;
  if (base === undefined)
    throw new DeliveryError('target.url: no Alertmanager URL (set it or ALERTMANAGER_URL)', false);
  const now = deps.clock.now();
  const ms = parseDuration(d.spec.target?.silenceDuration ?? '1h') ?? 3_600_000;
  const token = await credential(deps, d);
  const res = await send(deps, `${base.replace(/\/$/, '')}/api/v2/silences`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({
      matchers: matchers(d),
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + ms).toISOString(),
      createdBy: 'punchingfist',
      comment: d.message.slice(0, 4096),
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { silenceID?: string };
  return `silence ${body.silenceID ?? '?'} created`;
}

export async function deliver(deps: DeliverDeps, d: Delivery): Promise<string> {
  switch (d.spec.type) {
    case 'webhook':
      return webhook(deps, d);
    case 'alertmanager':
      return silence(deps, d);
    case 'stdout':
      deps.log(
        { sink: `${d.sink.namespace}/${d.sink.name}`, runId: d.run.name, phase: d.phase },
        d.message,
      );
      return 'logged';
    default:
      throw new DeliveryError(`delivery to ${d.spec.type} is not supported here`, false);
  }
}
