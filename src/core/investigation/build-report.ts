import type { Proposal } from './actions.ts';
import type { Ranking } from './rank.ts';
import type { Report } from './report.ts';

/**
 * The report of a deterministic investigation: the top unexplained
 * finding is the root cause; its confidence is lowered when other
 * unexplained problems compete with it or when the reads were partial.
 */
export interface ReportInput {
  readonly target: string;
  readonly ranking: Ranking;
  readonly partial: boolean;
  readonly warnings: readonly string[];
  readonly durationMs: number;
  readonly checkedObjects: number;
}

function proposalsOf(ranking: Ranking): Proposal[] {
  const seen = new Set<string>();
  return ranking.roots.flatMap((f) => {
    const action = f.action;
    if (action === null) return [];
    const key = `${action.action}|${action.target}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [action];
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function buildReport(input: ReportInput): Report {
  const { ranking, target } = input;
  const [root, ...otherRoots] = ranking.roots;
  const proposals = proposalsOf(ranking);
  const base = {
    target,
    findings: [...ranking.findings],
    proposals,
    partial: input.partial,
    warnings: [...input.warnings],
    analyzer: 'deterministic' as const,
    durationMs: Math.max(0, Math.round(input.durationMs)),
  };
  if (root === undefined) {
    return {
      ...base,
      summary: `${target}: no problems found among ${input.checkedObjects} objects read${input.partial ? ' (some could not be read)' : ''}`,
      rootCause: null,
      confidence: input.partial ? 0.5 : 0.8,
    };
  }
  const competing = otherRoots.some((f) => f.severity === 'critical' || f.severity === 'high');
  const confidence = root.confidence * (competing ? 0.85 : 1) * (input.partial ? 0.8 : 1);
  const also = ranking.findings.length - 1;
  const actions = proposals.map((p) => p.action).join(', ');
  return {
    ...base,
    summary:
      `${root.category} on ${root.object}` +
      (also > 0 ? ` (+${also} related finding${also === 1 ? '' : 's'})` : '') +
      (actions === '' ? '; no safe action to propose' : `; proposed: ${actions}`),
    rootCause: root.summary,
    confidence: round(confidence),
  };
}
