import { isAppError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import type { WorkflowRunStatus } from '../resources/workflow-run.ts';
import type { RunStore } from '../run-store.ts';
import type { RunResumer } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';
import { resolutionOf } from './resolution.ts';

/**
 * A run whose proposal ended but whose saved job data is gone (parked
 * longer than it is kept, or Redis lost it) cannot resume: the engine has
 * nothing to run it from. Rather than leave it AwaitingApproval forever,
 * its WorkflowRun is finished here, through the RunStore, the way the
 * engine would have resolved the step: dismissed or expired → the step
 * Cancelled and the run Succeeded ("nothing was run"); failed or rolled
 * back → Failed; succeeded → the step Succeeded but the run Failed, since
 * its later steps cannot run. A run no longer AwaitingApproval is left as
 * it is (another worker resumed or closed it).
 */
const gone = 'its saved job data is gone, so it was closed without resuming';

export function closedStatus(
  current: WorkflowRunStatus | undefined,
  proposal: ProposalRecord,
  now: Date,
): WorkflowRunStatus | undefined {
  const resolution = resolutionOf(proposal);
  if (resolution === undefined || current?.phase !== 'AwaitingApproval') return undefined;
  const at = now.toISOString();
  const stepPhase = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' } as const;
  const phase = stepPhase[resolution.outcome];
  const steps = (current.steps ?? []).map((s) =>
    s.name === resolution.step && s.phase === 'AwaitingApproval'
      ? {
          ...s,
          phase,
          finishedAt: at,
          outputSummary: resolution.message.slice(0, 4096),
          ...(phase === 'Failed' ? { error: resolution.message.slice(0, 4096) } : {}),
        }
      : s,
  );
  const runPhase = resolution.outcome === 'cancelled' ? 'Succeeded' : 'Failed';
  const later = resolution.outcome === 'succeeded' ? '; the steps after it did not run' : '';
  return {
    ...current,
    phase: runPhase,
    message: `${resolution.message}${later} (${gone})`.slice(0, 4096),
    steps,
    finishedAt: at,
  };
}

/** Finishes the proposal's run from its end state; true when it changed the run. */
export async function closeStrandedRun(
  runs: RunStore,
  proposal: ProposalRecord,
  now: Date,
): Promise<boolean> {
  let changed = false;
  await runs.updateStatus(proposal.run.namespace, proposal.run.name, (current) => {
    const next = closedStatus(current, proposal, now);
    changed = next !== undefined;
    return next ?? current ?? {};
  });
  return changed;
}

/**
 * The resumer with that fallback: a resume whose job data is gone (an
 * AppError `not_found` from the resumer) closes the run instead; any other
 * failure is thrown, so the caller's job (or the next sweep) retries.
 */
export function resumeOrCloseStranded(
  resumer: RunResumer,
  runs: RunStore,
  clock: Clock,
  onClosed: (proposal: ProposalRecord, changed: boolean) => void = () => undefined,
): RunResumer {
  return {
    async resume(proposal) {
      try {
        await resumer.resume(proposal);
      } catch (err) {
        if (!isAppError(err, 'not_found')) throw err;
        onClosed(proposal, await closeStrandedRun(runs, proposal, clock.now()));
      }
    },
  };
}
