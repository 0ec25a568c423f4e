import type { KnownBlock } from '@slack/types';
import type { Evidence, Finding, Report, Severity } from '../../../core/investigation/report.ts';
import { context, divider, fields, header, section } from './block-builders.ts';
import { formatDuration, formatPercent } from './chat-format.ts';
import { codeBlock, escapeMrkdwn, slackLimits, splitText, truncate } from './slack-limits.ts';

/** Evidence lines longer than this are cut in the message; the full text goes to a file. */
export const evidenceLineLimit = 400;
const evidencePerFinding = 3;
const summarySections = 3;

const severityMarks: Readonly<Record<Severity, string>> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};

/** One line for notifications and the message's `text` fallback. */
export function reportText(report: Report): string {
  const cause = report.rootCause ?? report.summary;
  return truncate(`Investigation of ${report.target}: ${cause}`, slackLimits.headerText * 2);
}

/**
 * The investigation as a Block Kit message: root cause, confidence,
 * summary, the findings with their evidence (long lines cut), and the
 * proposed actions; never more than Slack's 50 blocks.
 */
export function reportBlocks(report: Report): KnownBlock[] {
  const head = headBlocks(report);
  const tail = proposalListBlocks(report);
  const budget = slackLimits.blocksPerMessage - head.length - tail.length - 1;
  return [...head, ...findingBlocks(report.findings, budget), ...tail];
}

function headBlocks(report: Report): KnownBlock[] {
  const cause = report.rootCause ?? 'No problem found';
  const summary = splitText(escapeMrkdwn(report.summary), slackLimits.sectionText);
  return [
    header(`:mag: Investigation: ${report.target}`),
    section(`*Root cause*\n${escapeMrkdwn(cause)}`),
    fields([
      `*Confidence*\n${formatPercent(report.confidence)}`,
      `*Analyzer*\n${report.analyzer === 'llm' ? 'LLM agent' : 'deterministic analyzers'}`,
      `*Findings*\n${report.findings.length}`,
      `*Took*\n${formatDuration(report.durationMs)}`,
    ]),
    ...partialBlocks(report),
    ...summary.slice(0, summarySections).map(section),
  ];
}

function partialBlocks(report: Report): KnownBlock[] {
  if (!report.partial) return [];
  const warnings = report.warnings.map((w) => escapeMrkdwn(w));
  return [context([':warning: *Partial report*', ...warnings.slice(0, 8)])];
}

function findingBlocks(findings: readonly Finding[], budget: number): KnownBlock[] {
  if (findings.length === 0) return [];
  const perFinding = 2;
  const room = Math.max(0, Math.floor((budget - 2) / perFinding));
  const shown = findings.slice(0, room);
  const blocks: KnownBlock[] = [divider(), ...shown.flatMap(oneFinding)];
  const hidden = findings.length - shown.length;
  if (hidden > 0) blocks.push(context([`…and ${hidden} more finding${hidden === 1 ? '' : 's'}`]));
  return blocks;
}

function oneFinding(finding: Finding): KnownBlock[] {
  const title = `${severityMarks[finding.severity]} *${finding.category}* \`${escapeMrkdwn(finding.object)}\``;
  const explained =
    finding.explainedBy === undefined
      ? ''
      : `\n_explained by ${escapeMrkdwn(finding.explainedBy)}_`;
  return [
    section(
      `${title} (${formatPercent(finding.confidence)})\n${escapeMrkdwn(finding.summary)}${explained}`,
    ),
    section(evidenceText(finding.evidence)),
  ];
}

function evidenceText(evidence: readonly Evidence[]): string {
  const lines = evidence.slice(0, evidencePerFinding).map(evidenceLine);
  const more = evidence.length - evidencePerFinding;
  const body = codeBlock(lines.join('\n'), slackLimits.sectionText - 40);
  return more > 0 ? `${body}\n_+${more} more evidence_` : body;
}

function evidenceLine(e: Evidence): string {
  const where = e.path === undefined ? e.object : `${e.object} ${e.path}`;
  return `[${e.source}] ${where}: ${truncate(e.text.replaceAll('\n', ' '), evidenceLineLimit)}`;
}

function proposalListBlocks(report: Report): KnownBlock[] {
  if (report.proposals.length === 0) return [];
  const lines = report.proposals.map(
    (p) => `• \`${p.action}\` \`${escapeMrkdwn(p.target)}\` — ${escapeMrkdwn(p.rationale)}`,
  );
  return [divider(), section(`*Proposed actions*\n${lines.join('\n')}`)];
}

/**
 * The full evidence as plain text when the message had to cut some of it
 * (a line past the limit or more than three per finding), for a file
 * upload beside the report; undefined when the message shows it all.
 */
export function fullEvidenceText(report: Report): string | undefined {
  const cut = report.findings.some(
    (f) =>
      f.evidence.length > evidencePerFinding ||
      f.evidence.some((e) => e.text.length > evidenceLineLimit || e.text.includes('\n')),
  );
  if (!cut) return undefined;
  return report.findings
    .map((f) => {
      const items = f.evidence.map(
        (e) => `[${e.source}] ${e.object}${e.path ? ` ${e.path}` : ''}\n${e.text}`,
      );
      return `## ${f.category} ${f.object}\n${f.summary}\n\n${items.join('\n\n')}`;
    })
    .join('\n\n');
}
