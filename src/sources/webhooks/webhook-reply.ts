import type { EventResult } from '../../app/intake/event-intake.ts';

/** A webhook's answer: status, JSON body naming the problem or the runs, and its metric outcome. */
export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly outcome: string;
  readonly headers?: Record<string, string>;
}

export const fail = (
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
): Reply => ({
  status,
  body: { error, message, ...extra },
  outcome: error,
});

/** 202 when any event started a run; 200 resolved or deduplicated otherwise. */
export function replyFor(results: readonly EventResult[], filtered: number): Reply {
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
