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

/**
 * Scheduled runs: a cron Source becomes one BullMQ job scheduler whose
 * template has no run id; each tick's job gets one derived from the tick
 * (stable across retries of that tick, unique between ticks).
 */
export interface RunScheduler {
  upsert(
    id: string,
    schedule: { readonly cron: string; readonly timezone: string },
    event: SourceEvent,
  ): Promise<void>;
  remove(id: string): Promise<void>;
  ids(): Promise<string[]>;
}

export const unscheduledRunId = '';

export function tickRunJob(template: RunJob, tickMs: number): RunJob {
  const suffix = tickMs.toString(36);
  const workflow = template.event.workflow.slice(0, 253 - suffix.length - 5);
  return {
    runId: `${workflow}-t${suffix}`,
    event: { ...template.event, receivedAt: new Date(tickMs).toISOString() },
  };
}
