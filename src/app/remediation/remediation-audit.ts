import { targetEvent, withApprovalEntry } from '../../core/remediation/audit-entry.ts';
import type { EventRecorder, RemediationAudit } from '../../core/remediation/lifecycle-ports.ts';
import type { RunStore } from '../../core/run-store.ts';

/** The audit of a proposal's every state: its WorkflowRun's status.approvals entry and an Event on the target. */
export function createRemediationAudit(runs: RunStore, events: EventRecorder): RemediationAudit {
  return {
    async record(proposal) {
      const { namespace, name } = proposal.run;
      const [status, event] = await Promise.allSettled([
        runs.updateStatus(namespace, name, (current) => withApprovalEntry(current, proposal)),
        events.record(proposal.target, targetEvent(proposal)),
      ]);
      if (status.status === 'rejected') throw status.reason;
      if (event.status === 'rejected') throw event.reason;
    },
  };
}
