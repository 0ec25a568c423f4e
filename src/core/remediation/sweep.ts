import { type AnnounceDeps, announce } from './announce.ts';
import type { ActionQueue, ProposalStore } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';

/**
 * The periodic sweep: proposals still Proposed past their expiresAt become
 * Expired (announced: the run resumes, the Slack message says so); Approved
 * ones are enqueued again, in case the gate died between storing the
 * decision and enqueueing (the job id is the proposal id: a no-op otherwise).
 * A run whose job data is gone is closed rather than resumed (the resumer
 * of stranded-run.ts); any other failure of one id is reported and the
 * sweep goes on with the rest.
 */
export interface SweepDeps extends AnnounceDeps {
  readonly store: ProposalStore;
  readonly queue: ActionQueue;
}

async function expireOne(deps: SweepDeps, id: string, now: Date): Promise<boolean> {
  const out = await deps.store.update<ProposalRecord | undefined>(id, (r) => {
    if (r.state !== 'Proposed' || Date.parse(r.expiresAt) > now.getTime())
      return { value: undefined };
    const next: ProposalRecord = { ...r, state: 'Expired', decidedAt: now.toISOString() };
    return { next, value: next };
  });
  if (out?.value === undefined) return false;
  await announce(deps, out.value);
  return true;
}

/** One id's failure (e.g. its run's resume) is reported and does not hold up the others. */
async function each(
  deps: SweepDeps,
  ids: readonly string[],
  work: (id: string) => Promise<unknown>,
) {
  let done = 0;
  for (const id of ids) {
    try {
      if ((await work(id)) !== false) done++;
    } catch (err) {
      deps.onError(err, `sweep of ${id}`);
    }
  }
  return done;
}

export async function sweepProposals(
  deps: SweepDeps,
  now: Date,
): Promise<{ readonly expired: number; readonly requeued: number }> {
  const due = await deps.store.due(now);
  const expired = await each(deps, due.expired, (id) => expireOne(deps, id, now));
  const requeued = await each(deps, due.approved, (id) => deps.queue.enqueue(id));
  return { expired, requeued };
}
