import type { ApprovalResolution } from '../workflow/engine.ts';
import type { ProposalRecord } from './proposal.ts';

/** How a proposal's end state resolves the remediate step that proposed it. */
export function resolutionOf(p: ProposalRecord): ApprovalResolution | undefined {
  const base = { step: p.run.step, proposalId: p.id };
  const what = `${p.action} on ${p.target}`;
  switch (p.state) {
    case 'Succeeded':
      return { ...base, outcome: 'succeeded', message: `${what}: ${p.outcome?.message ?? 'done'}` };
    case 'Failed':
      return { ...base, outcome: 'failed', message: `${what} failed: ${p.outcome?.message ?? ''}` };
    case 'RolledBack':
      return {
        ...base,
        outcome: 'failed',
        message: `${what} was rolled back: ${p.outcome?.message ?? ''}`,
      };
    case 'Dismissed':
      return {
        ...base,
        outcome: 'cancelled',
        message: `remediation ${what} dismissed by ${p.decidedBy?.join(', ') ?? 'someone'}; nothing was run`,
      };
    case 'Expired':
      return {
        ...base,
        outcome: 'cancelled',
        message: `remediation ${what} expired at ${p.expiresAt} without a decision; nothing was run`,
      };
    default:
      return undefined;
  }
}
