import type { Evidence, Finding, Report } from '../core/investigation/report.ts';

/** The report as a person reads it in a terminal. */
function evidenceLine(e: Evidence): string {
  const where = e.path === undefined ? e.object : `${e.object} ${e.path}`;
  return `      ${e.source.padEnd(6)} ${where}: ${e.text}`;
}

function findingLines(f: Finding, index: number): string[] {
  const explained = f.explainedBy === undefined ? '' : `  (explained by ${f.explainedBy})`;
  return [
    `  ${index + 1}. [${f.severity}] ${f.category}  ${f.object}${explained}`,
    `     ${f.summary}`,
    ...f.evidence.map(evidenceLine),
  ];
}

export function renderReport(report: Report): string {
  const lines: string[] = [];
  if (report.rootCause === null) {
    lines.push(report.summary);
  } else {
    lines.push(
      `${report.summary}  (confidence ${report.confidence.toFixed(2)})`,
      '',
      `Root cause: ${report.rootCause}`,
    );
  }
  if (report.findings.length > 0)
    lines.push('', 'Findings:', ...report.findings.flatMap(findingLines));
  if (report.proposals.length > 0) {
    lines.push('', 'Proposed actions (each needs approval):');
    for (const p of report.proposals)
      lines.push(`  - ${p.action} ${p.target} ${JSON.stringify(p.params)}`, `    ${p.rationale}`);
  }
  if (report.warnings.length > 0)
    lines.push(
      '',
      `Warnings${report.partial ? ' (the report is partial)' : ''}:`,
      ...report.warnings.map((w) => `  - ${w}`),
    );
  lines.push('', `Took ${report.durationMs}ms (${report.analyzer} analysis).`);
  return `${lines.join('\n')}\n`;
}
