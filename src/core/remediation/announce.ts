import type { Clock } from '../ports.ts';
import type { RunEventSink } from '../run-events.ts';
import { endStates, type RemediationAudit, type RunResumer } from './lifecycle-ports.ts';
import type { ProposalRecord } from './proposal.ts';

/**
 * After every state change of a proposal: the audit (WorkflowRun status and
 * a Kubernetes Event), a `proposal` run event (the Slack message edits
 * itself), and, at an end state, the run resumes. Audit and event failures
 * are reported and do not stop the others; a resume failure is thrown (the
 * caller's job retries; resuming is idempotent).
 */
export interface AnnounceDeps {
  readonly audit: RemediationAudit;
  readonly events: RunEventSink;
  readonly resumer: RunResumer;
  readonly clock: Clock;
  readonly onError: (err: unknown, what: string) => void;
}

export async function announce(deps: AnnounceDeps, proposal: ProposalRecord): Promise<void> {
  const [audited, published] = await Promise.allSettled([
    deps.audit.record(proposal),
    deps.events.publish({
      type: 'proposal',
      run: {
        name: proposal.run.name,
        namespace: proposal.run.namespace,
        workflow: proposal.run.workflow,
      },
      proposal,
      at: deps.clock.now().toISOString(),
    }),
  ]);
  if (audited.status === 'rejected') deps.onError(audited.reason, `audit of ${proposal.id}`);
  if (published.status === 'rejected') deps.onError(published.reason, `event of ${proposal.id}`);
  if (endStates.includes(proposal.state)) await deps.resumer.resume(proposal);
}
