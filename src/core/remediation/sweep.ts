import { type AnnounceDeps, announce } from './announce.ts';
import type { ActionQueue, ProposalStore } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';

/**
 * The periodic sweep: proposals still Proposed past their expiresAt become
 * Expired (announced: the run resumes, the Slack message says so); Approved
 * ones are enqueued again, in case the gate died between storing the
 * decision and enqueueing (the job id is the proposal id: a no-op otherwise).
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

export async function sweepProposals(
  deps: SweepDeps,
  now: Date,
): Promise<{ readonly expired: number; readonly requeued: number }> {
  const due = await deps.store.due(now);
  let expired = 0;
  for (const id of due.expired) if (await expireOne(deps, id, now)) expired++;
  for (const id of due.approved) await deps.queue.enqueue(id);
  return { expired, requeued: due.approved.length };
}
