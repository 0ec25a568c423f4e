import type { Clock } from '../ports.ts';
import type { ActionExecutor } from './action-executor.ts';
import { type AnnounceDeps, announce } from './announce.ts';
import { type Approvers, type Decision, decide } from './decide.ts';
import type { ActionQueue, ProposalStore } from './lifecycle-ports.ts';
import type { ApprovalGate, DecisionResult } from './proposal.ts';

/**
 * The approval gate over the store: decide() is a compare-and-set of the
 * pure decision on the record, so of a double click or two approvers at
 * once exactly one moves the state; only that one announces the change and
 * enqueues the action (whose job id is the proposal id: enqueued once).
 */
export interface GateDeps extends AnnounceDeps {
  readonly store: ProposalStore;
  readonly queue: ActionQueue;
  readonly executor: Pick<ActionExecutor, 'dryRun'>;
  readonly clock: Clock;
  readonly defaultApprovers: Approvers;
}

export function createApprovalGate(deps: GateDeps): ApprovalGate {
  return {
    get: (id) => deps.store.get(id),
    async decide(id, kind, actor): Promise<DecisionResult> {
      let changed = false;
      const out = await deps.store.update<Decision>(id, (record) => {
        const decision = decide({
          record,
          kind,
          actor,
          now: deps.clock.now(),
          defaultApprovers: deps.defaultApprovers,
        });
        changed = decision.next !== undefined;
        return { ...(decision.next === undefined ? {} : { next: decision.next }), value: decision };
      });
      if (out === undefined) {
        return { type: 'rejected', reason: 'not-found', message: `no proposal ${id}` };
      }
      const { result, next } = out.value;
      if (changed && next !== undefined) {
        if (next.state === 'Approved') await deps.queue.enqueue(next.id);
        // The decision stands; a failed resume is reported (the sweep and a retried action job retry it).
        await announce(deps, next).catch((err: unknown) => deps.onError(err, `announce of ${id}`));
      }
      return result;
    },
    async dryRun(id) {
      const record = await deps.store.get(id);
      if (record === undefined) return undefined;
      const request = { id, action: record.action, target: record.target, params: record.params };
      const result = await deps.executor.dryRun(request);
      const dryRun = {
        ok: result.ok,
        summary: result.summary.slice(0, 4000),
        ...('diff' in result && result.diff !== undefined
          ? { diff: result.diff.slice(0, 20000) }
          : {}),
      };
      await deps.store.update(id, (current) => ({
        next: { ...current, dryRun },
        value: undefined,
      }));
      return dryRun;
    },
    async attachChat(id, chat) {
      await deps.store.update(id, (current) => ({ next: { ...current, chat }, value: undefined }));
    },
  };
}
