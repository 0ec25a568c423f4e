import { Counter, type Registry } from 'prom-client';
import type { RunEventSink } from '../../core/run-events.ts';

/**
 * Approvals and remediations as metrics (SPEC §6): every state a proposal
 * reaches (Proposed, Refused, Approved, Dismissed, Expired, Executing,
 * Succeeded, Failed, RolledBack), by action, from the run events. A
 * dashboard reads approval latency from the audit; this says how many.
 */
export function createProposalMetrics(registry: Registry): RunEventSink {
  const states = new Counter({
    name: 'punchingfist_remediation_proposals_total',
    help: 'Remediation proposals reaching each state, by action and state.',
    labelNames: ['action', 'state'] as const,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'punchingfist_approvals_total',
    help: 'Decisions on proposals, by action and decision (approved by a person, auto-approved by policy, dismissed, expired).',
    labelNames: ['action', 'decision'] as const,
    registers: [registry],
  });
  return {
    publish: (event) => {
      if (event.type !== 'proposal') return Promise.resolve();
      const { action, state, decidedBy } = event.proposal;
      states.inc({ action, state });
      const decision = decisionOf(state, decidedBy);
      if (decision !== undefined) decisions.inc({ action, decision });
      return Promise.resolve();
    },
  };
}

function decisionOf(state: string, decidedBy: readonly string[] | undefined): string | undefined {
  switch (state) {
    case 'Approved':
      return decidedBy?.includes('policy:auto') === true ? 'auto-approved' : 'approved';
    case 'Dismissed':
      return 'dismissed';
    case 'Expired':
      return 'expired';
    default:
      return undefined;
  }
}
