import { type Analyzer, analyzers, runAnalyzers } from '../analyzers/index.ts';
import type { Snapshot } from '../analyzers/snapshot.ts';
import { refOf } from '../kube/refs.ts';
import type { Clock, ClusterPort } from '../ports.ts';
import { buildReport } from './build-report.ts';
import { gatherObjects, type Notes } from './gather.ts';
import { gatherDetails } from './gather-details.ts';
import { groupByWorkload } from './group.ts';
import { type ProgressListener, step } from './progress.ts';
import { rank } from './rank.ts';
import { isRelevant, type Related, relatedTo } from './related.ts';
import { type Report, reportSchema } from './report.ts';
import { type Resolved, resolveTarget } from './resolve.ts';
import type { TargetSpec } from './target.ts';

/**
 * The investigate use case (deterministic half): resolve the target, read
 * what surrounds it, run the analyzers, keep the findings about related
 * objects, group them per workload, rank them root cause first, and
 * return the report of SPEC §8.
 */
export interface InvestigateDeps {
  readonly cluster: ClusterPort;
  readonly clock: Clock;
  readonly onProgress?: ProgressListener;
  readonly analyzers?: readonly Analyzer[];
}

export type InvestigateResult =
  | { readonly ok: true; readonly report: Report; readonly snapshot: Snapshot }
  | { readonly ok: false; readonly reason: 'not_found'; readonly message: string };

function relatedPods(snapshot: Snapshot, related: Related) {
  return related === 'everything'
    ? snapshot.pods
    : snapshot.pods.filter((p) => related.has(refOf('Pod', p)));
}

function objectCount(s: Snapshot): number {
  return [
    s.pods,
    s.replicaSets,
    s.deployments,
    s.statefulSets,
    s.daemonSets,
    s.jobs,
    s.cronJobs,
    s.nodes,
    s.services,
    s.endpointSlices,
    s.hpas,
    s.pvcs,
    s.pdbs,
    s.events,
  ].reduce((sum, list) => sum + list.length, 0);
}

function describeTarget(target: TargetSpec): string {
  if (target.by === 'labels') return 'the alert’s object';
  return target.by === 'ref' ? `${target.kind}/${target.name}` : target.name;
}

async function examine(
  deps: InvestigateDeps,
  target: Resolved,
  notes: Notes,
): Promise<{ snapshot: Snapshot; related: Related }> {
  const now = deps.clock.now().toISOString();
  const base = await step(
    deps,
    'gather',
    `reading objects around ${target.ref}`,
    () => gatherObjects(deps.cluster, notes, target, now),
    (s) => `${objectCount(s)} objects`,
  );
  const related = relatedTo(target, base);
  const snapshot = await step(
    deps,
    'details',
    'reading logs and config references',
    () => gatherDetails(deps.cluster, notes, base, relatedPods(base, related), target.container),
    (s) =>
      `${s.logs.length} log excerpts, ${s.configMaps.length + s.secrets.length} ConfigMaps/Secrets`,
  );
  return { snapshot, related };
}

export async function investigate(
  deps: InvestigateDeps,
  target: TargetSpec,
): Promise<InvestigateResult> {
  const started = deps.clock.now().getTime();
  const resolution = await step(
    deps,
    'resolve',
    `finding ${describeTarget(target)}`,
    () => resolveTarget(deps.cluster, target),
    (r) => (r.ok ? r.resolved.ref : 'not found'),
  );
  if (!resolution.ok) return resolution;
  const resolved = resolution.resolved;
  const notes: Notes = { warnings: [] };
  const { snapshot, related } = await examine(deps, resolved, notes);
  const findings = await step(
    deps,
    'analyze',
    'running the analyzers',
    async () =>
      groupByWorkload(
        runAnalyzers(snapshot, deps.analyzers ?? analyzers).filter((f) => isRelevant(f, related)),
        snapshot,
      ),
    (f) => `${f.length} findings`,
  );
  const ranking = await step(
    deps,
    'rank',
    'ranking findings',
    async () => rank(findings, resolved.ref),
    (r) => r.roots[0]?.category ?? 'nothing wrong',
  );
  const notices =
    resolved.alsoMatches.length > 0
      ? [
          `"${resolved.name}" also names ${resolved.alsoMatches.join(', ')}; investigated ${resolved.ref}`,
        ]
      : [];
  const report = buildReport({
    target: resolved.ref,
    ranking,
    partial: notes.warnings.length > 0,
    warnings: [...notices, ...notes.warnings],
    durationMs: deps.clock.now().getTime() - started,
    checkedObjects: objectCount(snapshot),
  });
  return { ok: true, report: reportSchema.parse(report), snapshot };
}
