import type { SourceEvent } from './events/source-event.ts';

/**
 * The queue of runs (BullMQ on Redis in production). A job's id is its run
 * id, so enqueueing the same run twice is a no-op: retries of ingest can
 * never start a second run.
 */
export interface RunJob {
  readonly runId: string;
  readonly event: SourceEvent;
}

export interface RunQueue {
  enqueue(job: RunJob): Promise<void>;
  close(): Promise<void>;
}
