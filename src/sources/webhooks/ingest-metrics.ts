import { Counter, Histogram, type Registry } from 'prom-client';

/** Ingest metrics (SPEC §6), registered on the app's one Registry. */
export interface IngestMetrics {
  readonly requests: Counter<'source' | 'outcome'>;
  readonly duration: Histogram<'source'>;
  readonly dedupHits: Counter<'source'>;
  readonly rateLimited: Counter<'source'>;
  readonly filtered: Counter<'source'>;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  return {
    requests: new Counter({
      name: 'punchingfist_ingest_requests_total',
      help: 'Webhook requests by Source and outcome (enqueued, deduplicated, resolved, filtered, rejected reason).',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'punchingfist_ingest_duration_seconds',
      help: 'Time from request to answer (the job is in Redis when 202 is sent).',
      labelNames: ['source'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    dedupHits: new Counter({
      name: 'punchingfist_ingest_dedup_hits_total',
      help: 'Events that joined an existing run instead of starting one.',
      labelNames: ['source'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'punchingfist_ingest_rate_limited_total',
      help: 'Events refused by the Source rate limit (answered 429).',
      labelNames: ['source'],
      registers: [registry],
    }),
    filtered: new Counter({
      name: 'punchingfist_ingest_filtered_total',
      help: 'Alerts dropped by Source filters.',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
}

/**
 * The ingest metrics of one Source, bound to its label once: prom-client
 * hashes a label set on every call otherwise, and this is on every request.
 */
export interface SourceMetrics {
  startTimer(): () => void;
  request(outcome: string): void;
  dedupHit(): void;
  rateLimited(): void;
  filtered(count: number): void;
}

export function sourceMetrics(metrics: IngestMetrics, source: string): SourceMetrics {
  const outcomes = new Map<string, Counter.Internal>();
  let duration: Histogram.Internal<'source'> | undefined;
  let dedupHits: Counter.Internal | undefined;
  return {
    startTimer() {
      duration ??= metrics.duration.labels({ source });
      const end = duration.startTimer();
      return () => {
        end();
      };
    },
    request(outcome) {
      let counter = outcomes.get(outcome);
      if (counter === undefined) {
        counter = metrics.requests.labels({ source, outcome });
        outcomes.set(outcome, counter);
      }
      counter.inc();
    },
    dedupHit() {
      dedupHits ??= metrics.dedupHits.labels({ source });
      dedupHits.inc();
    },
    rateLimited: () => metrics.rateLimited.inc({ source }),
    filtered: (count) => metrics.filtered.inc({ source }, count),
  };
}
