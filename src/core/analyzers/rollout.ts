import type { Proposal } from '../investigation/actions.ts';
import type { Finding } from '../investigation/report.ts';
import { condition } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import type { Deployment, ReplicaSet } from '../kube/workloads.ts';
import { type Analyzer, fieldEvidence, makeFinding } from './finding.ts';
import { type LogClues, logClues } from './log-lines.ts';
import { podsOfReplicaSet, replicaSetsOf, revisionOf } from './ownership.ts';
import { containerIssues, podProblem } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';
import { type TemplateChange, templateDiff } from './template-diff.ts';

/**
 * A rollout that broke the Deployment: the current revision's pods fail
 * while the rollout is incomplete (or recent, or past its deadline). The
 * finding says what the revision changed against the previous one (image,
 * env, args, resources…) and proposes rolling back to it.
 */
const recentMs = 60 * 60 * 1000;
const readinessGraceMs = 30 * 1000;

interface Failing {
  readonly pod: Pod;
  readonly problem: string;
}

interface Rollout {
  readonly deployment: Deployment;
  readonly current: ReplicaSet;
  readonly previous: ReplicaSet;
  readonly newPods: readonly Pod[];
  readonly failing: readonly Failing[];
  readonly changes: readonly TemplateChange[];
}

function ageMs(iso: string | undefined, now: string): number {
  return iso === undefined ? Number.POSITIVE_INFINITY : Date.parse(now) - Date.parse(iso);
}

function failingPods(pods: readonly Pod[], now: string): Failing[] {
  return pods.flatMap((pod) => {
    const problem = podProblem(pod);
    if (problem === undefined) return [];
    const young =
      ageMs(pod.status?.startTime ?? pod.metadata.creationTimestamp, now) < readinessGraceMs;
    return problem === 'Running but not Ready' && young ? [] : [{ pod, problem }];
  });
}

function findRollout(deployment: Deployment, snapshot: Snapshot): Rollout | undefined {
  const sets = replicaSetsOf(deployment, snapshot);
  const revision = revisionOf(deployment);
  const current = sets.find((rs) => revisionOf(rs) === revision) ?? sets[0];
  const previous = sets.find((rs) => (revisionOf(rs) ?? 0) < (revisionOf(current ?? rs) ?? 0));
  if (current === undefined || previous === undefined) return undefined;
  const newPods = podsOfReplicaSet(current, snapshot);
  const failing = failingPods(newPods, snapshot.now);
  const desired = deployment.spec?.replicas ?? 1;
  const progressing = condition(deployment.status?.conditions, 'Progressing');
  const deadline = progressing?.reason === 'ProgressDeadlineExceeded';
  const oldPodsLeft = sets.some((rs) => rs !== current && (rs.status?.replicas ?? 0) > 0);
  const incomplete = oldPodsLeft || (deployment.status?.updatedReplicas ?? 0) < desired;
  const recent = ageMs(current.metadata.creationTimestamp, snapshot.now) < recentMs;
  if (!deadline && !(failing.length > 0 && (incomplete || recent))) return undefined;
  const changes = templateDiff(previous.spec?.template, current.spec?.template);
  return { deployment, current, previous, newPods, failing, changes };
}

function readiness(rs: ReplicaSet): string {
  return `revision ${revisionOf(rs) ?? '?'}: ${rs.status?.readyReplicas ?? 0}/${rs.status?.replicas ?? 0} ready`;
}

function evidenceOf(r: Rollout, snapshot: Snapshot): LogClues {
  const dRef = refOf('Deployment', r.deployment);
  const progressing = condition(r.deployment.status?.conditions, 'Progressing');
  const [first] = r.failing;
  const container = first === undefined ? undefined : containerIssues(first.pod)[0]?.container;
  const logs = logClues(snapshot, first?.pod, container, 2);
  const evidence = [
    fieldEvidence(refOf('ReplicaSet', r.current), 'status.readyReplicas', readiness(r.current)),
    fieldEvidence(refOf('ReplicaSet', r.previous), 'status.readyReplicas', readiness(r.previous)),
    ...r.changes
      .slice(0, 8)
      .map((c) => fieldEvidence(refOf('ReplicaSet', r.current), `spec.template.${c.path}`, c.text)),
    ...r.failing.slice(0, 3).map((f) => fieldEvidence(refOf('Pod', f.pod), 'status', f.problem)),
    ...logs.evidence,
    ...(progressing === undefined
      ? []
      : [
          fieldEvidence(
            dRef,
            'status.conditions[Progressing]',
            `${progressing.reason ?? ''}: ${progressing.message ?? ''}`,
          ),
        ]),
  ];
  return { evidence, ...(logs.headline === undefined ? {} : { headline: logs.headline }) };
}

function changed(r: Rollout): string {
  const substantive = r.changes.filter((c) => c.substantive);
  const pool = substantive.length > 0 ? substantive : r.changes;
  const shown = pool.slice(0, 3).map((c) => c.text);
  const rest = r.changes.length - shown.length;
  const more = rest > 0 ? ` (+${rest} more change${rest === 1 ? '' : 's'})` : '';
  return shown.length === 0 ? 'no change to the pod template' : `${shown.join('; ')}${more}`;
}

function rollback(r: Rollout, problem: string): Proposal | null {
  const from = revisionOf(r.current);
  const to = revisionOf(r.previous);
  if (r.changes.length === 0 || to === undefined) return null;
  const ready = r.previous.status?.readyReplicas ?? 0;
  return {
    action: 'rollback',
    target: refOf('Deployment', r.deployment),
    params: { toRevision: to, ...(from === undefined ? {} : { fromRevision: from }) },
    rationale: `revision ${from ?? '?'} changed ${changed(r)}; its pods are ${problem}. Roll back to revision ${to}${ready > 0 ? `, which still has ${ready} ready pods` : ''}.`,
  };
}

function rolloutFinding(r: Rollout, snapshot: Snapshot): Finding {
  const dRef = refOf('Deployment', r.deployment);
  const { evidence, headline } = evidenceOf(r, snapshot);
  const problem = r.failing[0]?.problem ?? 'not becoming available';
  const prevReady = r.previous.status?.readyReplicas ?? 0;
  const available = r.deployment.status?.availableReplicas ?? 0;
  const substantive = r.changes.some((c) => c.substantive);
  return makeFinding({
    category: 'StuckRollout',
    severity: available < (r.deployment.spec?.replicas ?? 1) ? 'critical' : 'high',
    object: dRef,
    summary:
      `the rollout of ${dRef} to revision ${revisionOf(r.current) ?? '?'} is failing: ` +
      `${r.failing.length}/${r.newPods.length} new pods ${problem}${headline === undefined ? '' : `, logging "${headline}"`}. ` +
      `It changed ${changed(r)}` +
      (prevReady > 0
        ? `; revision ${revisionOf(r.previous) ?? '?'} still serves ${prevReady} ready pods`
        : ''),
    evidence,
    affected: [refOf('ReplicaSet', r.current), ...r.newPods.map((p) => refOf('Pod', p))],
    confidence: Math.min(
      0.95,
      0.6 +
        (substantive ? 0.15 : 0) +
        (prevReady > 0 ? 0.1 : 0) +
        (headline === undefined ? 0 : 0.05),
    ),
    action: rollback(r, problem),
  });
}

export const analyzeRollouts: Analyzer = (snapshot) =>
  snapshot.deployments.flatMap((d) => {
    const rollout = findRollout(d, snapshot);
    return rollout === undefined ? [] : [rolloutFinding(rollout, snapshot)];
  });
