import { podsOfWorkload, workloadRefOf } from '../analyzers/ownership.ts';
import type { Snapshot } from '../analyzers/snapshot.ts';
import { refOf } from '../kube/refs.ts';
import { severityRank } from './rank.ts';
import { type Category, type Evidence, type Finding, podCategories } from './report.ts';

/**
 * Pod findings of one workload and one category become one finding about
 * the workload: three crash-looping replicas are one problem, not three
 * root causes. The first pod's evidence is kept whole; the others add
 * what differs.
 */
const podLevel: ReadonlySet<Category> = new Set(podCategories);

const maxEvidence = 12;

function evidenceKey(e: Evidence): string {
  return e.source === 'log' ? `log|${e.text}` : `${e.source}|${e.path ?? ''}|${e.text}`;
}

function mergeEvidence(list: readonly Finding[]): Evidence[] {
  const seen = new Set<string>();
  const [first, ...rest] = list;
  const candidates = [...(first?.evidence ?? []), ...rest.flatMap((f) => f.evidence.slice(0, 2))];
  return candidates
    .filter((e) => {
      const key = evidenceKey(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, maxEvidence);
}

function merge(workload: string, list: readonly Finding[], snapshot: Snapshot): Finding {
  const [first] = list;
  if (first === undefined) throw new Error('merge of no findings');
  const total = podsOfWorkload(workload, snapshot).length;
  const severity =
    [...list].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0]?.severity ??
    first.severity;
  return {
    id: `${first.category}:${workload}`,
    category: first.category,
    severity,
    object: workload,
    summary: `${list.length}/${Math.max(total, list.length)} pods of ${workload} affected — ${first.summary}`,
    evidence: mergeEvidence(list),
    affected: [...new Set(list.flatMap((f) => [f.object, ...f.affected]))],
    confidence: Math.max(...list.map((f) => f.confidence)),
    action: list.find((f) => f.action !== null)?.action ?? null,
  };
}

export function groupByWorkload(findings: readonly Finding[], snapshot: Snapshot): Finding[] {
  const groups = new Map<string, { workload: string; list: Finding[] }>();
  const rest: Finding[] = [];
  for (const f of findings) {
    const pod = podLevel.has(f.category)
      ? snapshot.pods.find((p) => refOf('Pod', p) === f.object)
      : undefined;
    const workload = pod === undefined ? undefined : workloadRefOf(pod, snapshot);
    if (workload === undefined) {
      rest.push(f);
      continue;
    }
    const key = `${f.category}|${workload}`;
    const group = groups.get(key) ?? { workload, list: [] };
    group.list.push(f);
    groups.set(key, group);
  }
  return [...rest, ...[...groups.values()].map((g) => merge(g.workload, g.list, snapshot))];
}
