import type { ActionExecutor, ActionRequest, ExecuteResult } from './action-executor.ts';
import { type AnnounceDeps, announce } from './announce.ts';
import { endStates, type ProposalStore } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';

/**
 * Runs one approved proposal, exactly once however often it is delivered:
 * one holder of the proposal's lease at a time; Approved → Executing is a
 * compare-and-set; the executor's own idempotency key (the proposal id)
 * makes a re-execution after a crash mid-action change nothing; an end
 * state is never left. Then verification with the action's timeout, and on
 * failure the inverse action when there is one (RolledBack).
 */
export interface ExecuteDeps extends AnnounceDeps {
  readonly store: ProposalStore;
  readonly executor: ActionExecutor;
  readonly verifyTimeoutMs: (action: ProposalRecord['action']) => number;
  /** How long the cooldown mark is kept (the longest cooldown a policy may set). */
  readonly markTtlMs?: number;
}

/** Thrown when another worker executes the proposal or another action holds the target: retry later. */
export class ProposalBusyError extends Error {
  override readonly name = 'ProposalBusyError';
}

export type ExecuteOutcome =
  | { readonly type: 'done'; readonly proposal: ProposalRecord }
  | { readonly type: 'skipped'; readonly reason: string };

const requestOf = (r: ProposalRecord): ActionRequest => ({
  id: r.id,
  action: r.action,
  target: r.target,
  params: r.params,
});

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function safely<T extends { ok: boolean; message: string }>(
  work: () => Promise<T>,
): Promise<T | { ok: false; message: string; timedOut?: boolean }> {
  try {
    return await work();
  } catch (err) {
    return { ok: false, message: errorText(err) };
  }
}

interface Ending {
  readonly state: 'Succeeded' | 'Failed' | 'RolledBack';
  readonly message: string;
}

async function rollBack(deps: ExecuteDeps, undo: ActionRequest, why: string): Promise<Ending> {
  const undone = await safely(() => deps.executor.execute(undo));
  if (!undone.ok)
    return { state: 'Failed', message: `${why}; rolling back failed: ${undone.message}` };
  return { state: 'RolledBack', message: `${why}; rolled back: ${undone.message}` };
}

async function run(deps: ExecuteDeps, record: ProposalRecord): Promise<Ending> {
  const request = requestOf(record);
  const done: ExecuteResult | { ok: false; message: string } = await safely(() =>
    deps.executor.execute(request),
  );
  if (!done.ok) return { state: 'Failed', message: `${record.action} failed: ${done.message}` };
  const applied = done.alreadyApplied ? ' (already applied by an earlier attempt)' : '';
  const timeoutMs = deps.verifyTimeoutMs(record.action);
  const verified = await safely(() =>
    deps.executor.verify(request, timeoutMs, AbortSignal.timeout(timeoutMs + 5_000)),
  );
  if (verified.ok) {
    return {
      state: 'Succeeded',
      message: `${done.message}${applied}; verified: ${verified.message}`,
    };
  }
  const timedOut = 'timedOut' in verified && verified.timedOut === true;
  const why = `${done.message}${applied}; verification ${timedOut ? `timed out after ${Math.round(timeoutMs / 1000)}s` : 'failed'}: ${verified.message}`;
  if (done.undo === undefined) return { state: 'Failed', message: `${why}; no inverse action` };
  return rollBack(deps, done.undo, why);
}

async function claim(deps: ExecuteDeps, id: string): Promise<ProposalRecord | undefined> {
  let moved = false;
  const out = await deps.store.update(id, (r) => {
    moved = r.state === 'Approved';
    return moved
      ? { next: { ...r, state: 'Executing' }, value: { ...r, state: 'Executing' as const } }
      : { value: r };
  });
  const current = out?.value;
  if (current !== undefined && moved) await announce(deps, current);
  return current?.state === 'Executing' ? current : undefined;
}

async function finish(deps: ExecuteDeps, record: ProposalRecord, ending: Ending) {
  const at = deps.clock.now().toISOString();
  const out = await deps.store.update(record.id, (r) => {
    if (r.state !== 'Executing') return { value: r };
    const next: ProposalRecord = {
      ...r,
      state: ending.state,
      outcome: { message: ending.message.slice(0, 4000), at },
    };
    return { next, value: next };
  });
  await deps.store.markRan(record.action, record.target, at, deps.markTtlMs ?? 7 * 86_400_000);
  await deps.store.releaseTarget(record.target, record.id);
  return out?.value ?? record;
}

export async function executeProposal(
  deps: ExecuteDeps,
  id: string,
  token: string,
  leaseMs: number,
): Promise<ExecuteOutcome> {
  const found = await deps.store.get(id);
  if (found === undefined) return { type: 'skipped', reason: `no proposal ${id}` };
  if (endStates.includes(found.state)) {
    await deps.resumer.resume(found);
    return { type: 'done', proposal: found };
  }
  if (found.state !== 'Approved' && found.state !== 'Executing') {
    return { type: 'skipped', reason: `proposal ${id} is ${found.state}` };
  }
  if (!(await deps.store.lease(id, token, leaseMs))) {
    throw new ProposalBusyError(`proposal ${id} is being executed by another worker`);
  }
  try {
    const holder = await deps.store.claimTarget(found.target, id, leaseMs);
    if (holder !== undefined) {
      throw new ProposalBusyError(`${found.target} is busy with proposal ${holder}`);
    }
    const record = await claim(deps, id);
    if (record === undefined) return { type: 'skipped', reason: `proposal ${id} changed state` };
    const ended = await finish(deps, record, await run(deps, record));
    await announce(deps, ended);
    return { type: 'done', proposal: ended };
  } finally {
    await deps.store.releaseLease(id, token);
  }
}
