import type { Evidence, Finding } from '../investigation/report.ts';
import { condition, type HasMeta } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, fieldEvidence, makeFinding } from './finding.ts';
import { podsOfWorkload } from './ownership.ts';
import { podProblem } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Fewer replicas available than desired (Deployment, StatefulSet,
 * DaemonSet). Usually a symptom: the finding lists what is wrong with the
 * pods, and a finding about those pods or a rollout ranks above it.
 */
interface Counts {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly object: HasMeta;
  readonly desired: number;
  readonly available: number;
  readonly text: string;
  readonly unavailableCondition?: string;
}

function problems(pods: readonly Pod[]): { pod: Pod; problem: string }[] {
  return pods.flatMap((pod) => {
    const problem = podProblem(pod);
    return problem === undefined ? [] : [{ pod, problem }];
  });
}

function mismatchFinding(c: Counts, snapshot: Snapshot): Finding | undefined {
  if (c.available >= c.desired) return undefined;
  const ref = refOf(c.kind, c.object);
  const failing = problems(podsOfWorkload(ref, snapshot));
  if (failing.length === 0 && c.unavailableCondition === undefined) return undefined;
  const tally = [...new Set(failing.map((f) => f.problem))]
    .map((p) => `${failing.filter((f) => f.problem === p).length}× ${p}`)
    .join(', ');
  const evidence: Evidence[] = [
    fieldEvidence(ref, 'status', c.text),
    ...failing.slice(0, 3).map((f) => fieldEvidence(refOf('Pod', f.pod), 'status', f.problem)),
    ...(c.unavailableCondition === undefined
      ? []
      : [fieldEvidence(ref, 'status.conditions[Available]', c.unavailableCondition)]),
  ];
  return makeFinding({
    category: 'ReplicasMismatch',
    severity: c.available === 0 ? 'critical' : 'high',
    object: ref,
    summary: `${ref} has ${c.available}/${c.desired} replicas available${tally === '' ? '' : `; pods: ${tally}`}`,
    evidence,
    affected: failing.map((f) => refOf('Pod', f.pod)),
    confidence: 0.6,
  });
}

function unavailable(conditions: Parameters<typeof condition>[0]): string | undefined {
  const available = condition(conditions, 'Available');
  return available?.status === 'False'
    ? `${available.reason ?? ''}: ${available.message ?? ''}`
    : undefined;
}

export const analyzeReplicasMismatch: Analyzer = (snapshot) => {
  const counts: Counts[] = [
    ...snapshot.deployments.map((d): Counts => {
      const s = d.status;
      const cond = unavailable(s?.conditions);
      return {
        kind: 'Deployment',
        object: d,
        desired: d.spec?.replicas ?? 1,
        available: s?.availableReplicas ?? 0,
        text: `${s?.availableReplicas ?? 0} available, ${s?.readyReplicas ?? 0} ready, ${s?.updatedReplicas ?? 0} up-to-date of ${d.spec?.replicas ?? 1} desired`,
        ...(cond === undefined ? {} : { unavailableCondition: cond }),
      };
    }),
    ...snapshot.statefulSets.map(
      (s): Counts => ({
        kind: 'StatefulSet',
        object: s,
        desired: s.spec?.replicas ?? 1,
        available: s.status?.readyReplicas ?? 0,
        text: `${s.status?.readyReplicas ?? 0} ready of ${s.spec?.replicas ?? 1} desired`,
      }),
    ),
    ...snapshot.daemonSets.map(
      (d): Counts => ({
        kind: 'DaemonSet',
        object: d,
        desired: d.status?.desiredNumberScheduled ?? 0,
        available: d.status?.numberReady ?? 0,
        text: `${d.status?.numberReady ?? 0} ready of ${d.status?.desiredNumberScheduled ?? 0} scheduled`,
      }),
    ),
  ];
  return counts.flatMap((c) => mismatchFinding(c, snapshot) ?? []);
};
