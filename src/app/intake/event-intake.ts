import type { DedupStore } from '../../adapters/redis/dedup-store.ts';
import type { GateEvent, GateResult, IngestGate } from '../../adapters/redis/ingest-gate.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { RunQueue } from '../../core/queue.ts';
import type { Source } from '../../core/resources/index.ts';
import { runName } from '../../core/run-store.ts';

/**
 * The way every Source's events get in, whatever carried them (a webhook,
 * a Kubernetes watch): one token from the Source's bucket, a dedup claim
 * per firing event, then one job per new incident. A duplicate inside the
 * window adds an occurrence to its run; a resolved event only reads which
 * run holds it. A failed enqueue gives its claim back, so a retry starts
 * the run.
 */
export type IngestOutcome =
  | 'enqueued'
  | 'deduplicated'
  | 'resolved'
  | 'filtered'
  | 'suspended'
  | 'rate_limited';

export interface IntakeDeps {
  /** The rate limit and dedup claims of a request, in one Redis round trip. */
  readonly gate: IngestGate;
  /** Gives a claim back when its enqueue failed. */
  readonly dedup: Pick<DedupStore, 'release'>;
  readonly queue: RunQueue;
  readonly onEvent?: (source: Source, outcome: IngestOutcome, event?: SourceEvent) => void;
}

/** What intake needs to know of a Source, derived once per Source object. */
export interface IntakeContext {
  readonly label: string;
  readonly windowMs: number;
  readonly dedupHit: () => void;
  /**
   * The Source's classification (environment, priority) of an event about
   * to start a run. Only new incidents pay for it: a duplicate or a
   * resolution only counts on the run that exists.
   */
  readonly classify?: (event: SourceEvent) => Promise<SourceEvent>;
}

export interface EventResult {
  readonly outcome: 'enqueued' | 'deduplicated' | 'resolved';
  readonly runId: string | null;
  readonly fingerprint: string;
  readonly occurrences?: number;
}

export type IntakeResult =
  | { readonly allowed: false; readonly refused: number }
  | { readonly allowed: true; readonly results: readonly EventResult[] };

type Limited = Pick<Extract<Source['spec'], { rateLimit: unknown }>, 'rateLimit'>;

export async function intake(
  deps: IntakeDeps,
  source: Source & { readonly spec: Limited },
  context: IntakeContext,
  events: readonly SourceEvent[],
  now: Date,
): Promise<IntakeResult> {
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
  if (!gate.allowed) return gate;
  const results = await Promise.all(
    events.map((e, i) => settle(deps, source, context, e, gate.results[i])),
  );
  return { allowed: true, results };
}

async function settle(
  deps: IntakeDeps,
  source: Source,
  context: IntakeContext,
  event: SourceEvent,
  result: GateResult | undefined,
): Promise<EventResult> {
  if (result === undefined) throw new Error('the ingest gate answered for fewer events than asked');
  if (result.kind === 'holder') {
    deps.onEvent?.(source, 'resolved', event);
    return { outcome: 'resolved', runId: result.runId ?? null, fingerprint: event.fingerprint };
  }
  if (result.kind === 'duplicate') {
    context.dedupHit();
    deps.onEvent?.(source, 'deduplicated', event);
    return {
      outcome: 'deduplicated',
      runId: result.runId,
      fingerprint: event.fingerprint,
      occurrences: result.occurrences,
    };
  }
  let classified = event;
  try {
    if (context.classify !== undefined) classified = await context.classify(event);
    await deps.queue.enqueue({ runId: result.runId, event: classified });
  } catch (err) {
    // Nothing half-written: the claim goes back, so the sender's retry starts the run.
    await deps.dedup.release(event.fingerprint, result.runId);
    throw err;
  }
  deps.onEvent?.(source, 'enqueued', classified);
  return { outcome: 'enqueued', runId: result.runId, fingerprint: event.fingerprint };
}
