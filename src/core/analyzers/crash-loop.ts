import type { Evidence, Finding } from '../investigation/report.ts';
import { eventsFor } from '../kube/events.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding, plural } from './finding.ts';
import { logClues } from './log-lines.ts';
import { type ContainerIssue, containerIssues } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * CrashLoopBackOff: a container that keeps exiting. The evidence is its
 * last termination (reason, exit code), the kubelet's BackOff events and
 * the decisive lines of the previous instance's log. OOM kills are left to
 * the OOMKilled analyzer.
 */
const crashing = new Set(['CrashLoopBackOff', 'RunContainerError']);

function isCrashLoop(issue: ContainerIssue): boolean {
  return crashing.has(issue.reason) && issue.lastTerminated?.reason !== 'OOMKilled';
}

function statusEvidence(ref: string, issue: ContainerIssue): Evidence[] {
  const evidence = [
    fieldEvidence(
      ref,
      `${issue.path}.state.waiting`,
      `${issue.reason}${issue.message === undefined ? '' : `: ${issue.message}`}`,
    ),
  ];
  const last = issue.lastTerminated;
  if (last !== undefined) {
    evidence.push(
      fieldEvidence(
        ref,
        `${issue.path}.lastState.terminated`,
        `exit code ${last.exitCode}${last.reason === undefined ? '' : ` (${last.reason})`}`,
        last.finishedAt,
      ),
    );
  }
  evidence.push(fieldEvidence(ref, `${issue.path}.restartCount`, String(issue.restartCount)));
  return evidence;
}

function crashFinding(pod: Pod, issue: ContainerIssue, snapshot: Snapshot): Finding {
  const ref = refOf('Pod', pod);
  const backOff = eventsFor(snapshot.events, 'Pod', pod).find((e) => e.reason === 'BackOff');
  const logs = logClues(snapshot, pod, issue.container);
  const exit = issue.lastTerminated?.exitCode;
  const because = logs.headline === undefined ? '' : `: ${logs.headline}`;
  return makeFinding({
    category: 'CrashLoopBackOff',
    severity: 'high',
    object: ref,
    summary:
      `container "${issue.container}" of ${ref} keeps crashing ` +
      `(${exit === undefined ? 'exit code unknown' : `exit code ${exit}`}, ` +
      `${plural(issue.restartCount, 'restart')})${because}`,
    evidence: [
      ...statusEvidence(ref, issue),
      ...(backOff === undefined ? [] : [eventEvidence(ref, backOff)]),
      ...logs.evidence,
    ],
    affected: [ref],
    confidence: logs.evidence.length > 0 ? 0.75 : 0.6,
  });
}

export const analyzeCrashLoops: Analyzer = (snapshot) =>
  snapshot.pods.flatMap((pod) =>
    containerIssues(pod)
      .filter(isCrashLoop)
      .map((issue) => crashFinding(pod, issue, snapshot)),
  );
