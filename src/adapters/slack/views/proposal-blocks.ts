import type { KnownBlock } from '@slack/types';
import type { ProposalRecord, ProposalState } from '../../../core/remediation/proposal.ts';
import { actions, button, context, divider, fields, header, section } from './block-builders.ts';
import { formatActor, formatPercent, formatTime } from './chat-format.ts';
import { codeBlock, escapeMrkdwn, slackLimits, truncate } from './slack-limits.ts';

/**
 * The buttons' action ids: stable, so the Bolt listeners (src/bot) match
 * them; each button's `value` is the proposal id and nothing else.
 */
export const proposalActionIds = {
  approve: 'proposal_approve',
  dismiss: 'proposal_dismiss',
  dryRun: 'proposal_dry_run',
} as const;

export const proposalActionsBlockId = 'proposal_actions';

const stateLabels: Readonly<Record<ProposalState, string>> = {
  Proposed: ':hourglass_flowing_sand: Awaiting approval',
  Refused: ':no_entry: Refused by policy',
  Approved: ':white_check_mark: Approved',
  Dismissed: ':x: Dismissed',
  Expired: ':alarm_clock: Expired',
  Executing: ':gear: Executing',
  Succeeded: ':white_check_mark: Succeeded',
  Failed: ':rotating_light: Failed',
  RolledBack: ':leftwards_arrow_with_hook: Rolled back',
};

const riskLabels = {
  low: ':large_green_circle: low',
  medium: ':large_orange_circle: medium',
  high: ':red_circle: high',
} as const;

/** One line for notifications and the message's `text` fallback. */
export function proposalText(record: ProposalRecord): string {
  return truncate(
    `${stateLabels[record.state]}: ${record.action} ${record.target}`,
    slackLimits.headerText,
  );
}

/** A proposed remediation: what, why, how risky, what a dry run shows, who decided. */
export function proposalBlocks(record: ProposalRecord): KnownBlock[] {
  return [
    header(actionTitle(record)),
    fields(summaryFields(record)),
    ...rationaleBlocks(record),
    ...policyBlocks(record),
    ...dryRunBlocks(record),
    divider(),
    ...decisionBlocks(record),
    ...outcomeBlocks(record),
    ...buttonBlocks(record),
  ];
}

function actionTitle(record: ProposalRecord): string {
  return `Remediation: ${record.action.replaceAll('_', ' ')} ${record.target}`;
}

function summaryFields(record: ProposalRecord): string[] {
  const params = Object.keys(record.params).length === 0 ? '—' : JSON.stringify(record.params);
  return [
    `*Action*\n\`${record.action}\``,
    `*Target*\n\`${escapeMrkdwn(record.target)}\``,
    `*Risk*\n${riskLabels[record.risk]}`,
    `*Confidence*\n${record.confidence === undefined ? '—' : formatPercent(record.confidence)}`,
    `*Params*\n\`${escapeMrkdwn(params)}\``,
    `*State*\n${stateLabels[record.state]}`,
    ...(record.environment === undefined
      ? []
      : [`*Environment*\n${escapeMrkdwn(record.environment)}`]),
  ];
}

function rationaleBlocks(record: ProposalRecord): KnownBlock[] {
  if (record.rationale === undefined || record.rationale === '') return [];
  return [section(`*Why*\n${escapeMrkdwn(record.rationale)}`)];
}

function policyBlocks(record: ProposalRecord): KnownBlock[] {
  const reasons = record.policy.reasons.map((r) => `• ${escapeMrkdwn(r)}`).join('\n');
  const verdict = record.policy.allowed
    ? ':shield: *Policy:* allowed'
    : ':no_entry: *Policy:* refused — this action will not run';
  return [section(reasons === '' ? verdict : `${verdict}\n${reasons}`)];
}

function dryRunBlocks(record: ProposalRecord): KnownBlock[] {
  const dry = record.dryRun;
  if (dry === undefined) return [];
  const mark = dry.ok ? ':test_tube: *Dry run:* passed' : ':warning: *Dry run:* failed';
  const head = `${mark}\n${escapeMrkdwn(truncate(dry.summary, 1200))}`;
  if (dry.diff === undefined || dry.diff === '') return [section(head)];
  return [section(head), section(codeBlock(dry.diff, slackLimits.sectionText))];
}

function approvalsLine(record: ProposalRecord): string {
  const needed = Math.max(record.requiredApprovals, 1);
  const who = record.approvals.map((a) => `${formatActor(a.by)} (${formatTime(a.at)})`);
  const so = who.length === 0 ? 'none yet' : who.join(', ');
  return `*Approvals ${record.approvals.length}/${needed}:* ${so}`;
}

function allowedApproversLine(record: ProposalRecord): string | undefined {
  const { users, userGroups } = record.approvers;
  const names = [...users.map(formatActor), ...userGroups.map((g) => `<!subteam^${g}>`)];
  return names.length === 0 ? undefined : `May approve: ${names.join(', ')}`;
}

function decisionBlocks(record: ProposalRecord): KnownBlock[] {
  if (record.state === 'Proposed') {
    const lines = [
      approvalsLine(record),
      allowedApproversLine(record),
      `Expires ${formatTime(record.expiresAt)}`,
    ];
    return [context(lines.filter((l): l is string => l !== undefined))];
  }
  if (record.state === 'Refused' || record.state === 'Expired') {
    const when =
      record.state === 'Expired' ? record.expiresAt : (record.decidedAt ?? record.createdAt);
    return [context([`${stateLabels[record.state]} ${formatTime(when)}`])];
  }
  return [context([decidedLine(record)])];
}

function decidedLine(record: ProposalRecord): string {
  const dismissed = record.state === 'Dismissed';
  const by = record.decidedBy ?? (dismissed ? [] : record.approvals.map((a) => a.by));
  const who = by.length === 0 ? 'unknown' : by.map(formatActor).join(' and ');
  const when = record.decidedAt === undefined ? '' : ` ${formatTime(record.decidedAt)}`;
  return `${dismissed ? 'Dismissed' : 'Approved'} by ${who}${when}`;
}

function outcomeBlocks(record: ProposalRecord): KnownBlock[] {
  if (record.outcome !== undefined) {
    const text = `${stateLabels[record.state]}\n${escapeMrkdwn(record.outcome.message)}`;
    return [section(text), context([`Finished ${formatTime(record.outcome.at)}`])];
  }
  if (record.state === 'Approved' || record.state === 'Executing') {
    return [section(`${stateLabels[record.state]} — running the action…`)];
  }
  return [];
}

function buttonBlocks(record: ProposalRecord): KnownBlock[] {
  if (record.state !== 'Proposed' || !record.policy.allowed) return [];
  return [
    actions(proposalActionsBlockId, [
      button(proposalActionIds.approve, 'Approve', record.id, 'primary'),
      button(proposalActionIds.dismiss, 'Dismiss', record.id),
      button(proposalActionIds.dryRun, 'Dry-run', record.id),
    ]),
  ];
}
