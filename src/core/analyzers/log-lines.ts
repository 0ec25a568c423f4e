import type { Evidence } from '../investigation/report.ts';
import type { HasMeta } from '../kube/meta.ts';
import { refOf } from '../kube/refs.ts';
import { logEvidence } from './finding.ts';
import type { LogExcerpt, Snapshot } from './snapshot.ts';

/**
 * The lines of a log that say why a program died: errors, fatals, panics,
 * stack-trace heads. Repeats are dropped; when nothing matches, the last
 * lines are the best guess.
 */
const decisive =
  /\b(fatal|panic|error|err|exception|traceback|failed|failure|refused|denied|forbidden|cannot|could not|can't|unable|invalid|missing|not found|no such|oom|out of memory|killed|segmentation fault|timed? ?out)\b/i;

const leadingTimestamp =
  /^\S*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s+/;

export function withoutTimestamp(line: string): string {
  return line.replace(leadingTimestamp, '');
}

export function decisiveLines(lines: readonly string[], max = 5): string[] {
  const seen = new Set<string>();
  const unique = lines.filter((line) => {
    const key = withoutTimestamp(line).trim();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const matching = unique.filter((line) => decisive.test(line));
  const chosen = matching.length > 0 ? matching : unique.slice(-3);
  return chosen.slice(-max).map((line) => line.trim().slice(0, 500));
}

export function logsOf(
  snapshot: Snapshot,
  namespace: string | undefined,
  pod: string,
  container: string,
): LogExcerpt[] {
  return snapshot.logs.filter(
    (l) => l.namespace === namespace && l.pod === pod && l.container === container,
  );
}

/** The most telling line of a log, without its timestamp, for a one-line summary. */
export function headline(lines: readonly string[]): string | undefined {
  const chosen = decisiveLines(lines);
  const fatal = chosen.find((line) => /\b(fatal|panic)\b/i.test(line));
  const pick = fatal ?? chosen[chosen.length - 1];
  return pick === undefined ? undefined : withoutTimestamp(pick).trim();
}

export interface LogClues {
  readonly evidence: Evidence[];
  readonly headline?: string;
}

/** The decisive lines of a container's gathered logs (previous instance first), as evidence. */
export function logClues(
  snapshot: Snapshot,
  pod: HasMeta | undefined,
  container: string | undefined,
  max = 5,
): LogClues {
  if (pod === undefined || container === undefined) return { evidence: [] };
  const excerpts = logsOf(snapshot, pod.metadata.namespace, pod.metadata.name, container).sort(
    (a, b) => Number(b.previous) - Number(a.previous),
  );
  const excerpt = excerpts.find((e) => e.lines.length > 0);
  if (excerpt === undefined) return { evidence: [] };
  const ref = refOf('Pod', pod);
  const lines = decisiveLines(excerpt.lines, max);
  const line = headline(excerpt.lines);
  return {
    evidence: lines.map((l) => logEvidence(ref, excerpt, l)),
    ...(line === undefined ? {} : { headline: line }),
  };
}
