/**
 * Which finished WorkflowRuns have outlived their Workflow's
 * ttlSecondsAfterFinished. Runs still going are never expired.
 */
export const defaultTtlSeconds = 604_800;

const finishedPhases = new Set(['Succeeded', 'Failed', 'Cancelled']);

/** What retention needs of a run (a WorkflowRun, from the API server or Redis). */
export interface RetainedRun {
  readonly metadata: { readonly name: string; readonly creationTimestamp?: string | undefined };
  readonly status?:
    | { readonly phase?: string | undefined; readonly finishedAt?: string | undefined }
    | undefined;
}

export function isFinished(run: RetainedRun): boolean {
  return finishedPhases.has(run.status?.phase ?? '');
}

export function expiredRuns<R extends RetainedRun>(
  runs: readonly R[],
  now: Date,
  ttlSecondsOf: (run: R) => number | undefined,
): R[] {
  return runs.filter((run) => {
    if (!isFinished(run)) return false;
    const finished = run.status?.finishedAt ?? run.metadata.creationTimestamp;
    if (finished === undefined) return false;
    const ttl = ttlSecondsOf(run) ?? defaultTtlSeconds;
    return Date.parse(finished) + ttl * 1000 <= now.getTime();
  });
}
