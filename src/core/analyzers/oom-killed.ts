import type { Proposal } from '../investigation/actions.ts';
import type { Evidence, Finding } from '../investigation/report.ts';
import type { Pod } from '../kube/pod.ts';
import { formatMemory, parseQuantity } from '../kube/quantity.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, fieldEvidence, makeFinding, metricEvidence, plural } from './finding.ts';
import { workloadRefOf } from './ownership.ts';
import { type ContainerIssue, containerIssues, containerSpec } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * OOMKilled: the kernel killed a container for exceeding its memory limit
 * (exit code 137). With a limit set, the proposal raises it (to twice the
 * limit, or 1.5x the usage seen, whichever is larger) on the workload.
 */
const resizable = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function isOomKill(issue: ContainerIssue): boolean {
  return issue.reason === 'OOMKilled' || issue.lastTerminated?.reason === 'OOMKilled';
}

function raisedLimit(limit: number, usage: number | undefined): number {
  return Math.max(limit * 2, (usage ?? 0) * 1.5);
}

function proposal(
  workload: string | undefined,
  container: string,
  limitText: string,
  raised: number,
  usageText: string,
): Proposal | null {
  const kind = workload?.split('/')[0] ?? '';
  if (workload === undefined || !resizable.has(kind)) return null;
  return {
    action: 'set_resources',
    target: workload,
    params: { container, limits: { memory: formatMemory(raised) } },
    rationale: `container "${container}" is OOMKilled at its ${limitText} memory limit${usageText}; raise the limit to ${formatMemory(raised)}`,
  };
}

function oomFinding(pod: Pod, issue: ContainerIssue, snapshot: Snapshot): Finding {
  const ref = refOf('Pod', pod);
  const limitText = containerSpec(pod, issue.container)?.resources?.limits?.memory;
  const limit = parseQuantity(limitText);
  const usage = snapshot.usage.find(
    (u) =>
      u.pod === pod.metadata.name &&
      u.namespace === pod.metadata.namespace &&
      u.container === issue.container,
  )?.memoryBytes;
  const usageText = usage === undefined ? '' : ` (using ${formatMemory(usage)})`;
  const exit = issue.lastTerminated?.exitCode ?? 137;
  const evidence: Evidence[] = [
    fieldEvidence(
      ref,
      `${issue.path}.${issue.terminatedNow ? 'state' : 'lastState'}.terminated`,
      `OOMKilled (exit code ${exit})`,
      issue.lastTerminated?.finishedAt,
    ),
    fieldEvidence(
      ref,
      `spec.containers[${issue.container}].resources.limits.memory`,
      limitText ?? 'no memory limit',
    ),
    fieldEvidence(ref, `${issue.path}.restartCount`, String(issue.restartCount)),
  ];
  if (usage !== undefined) {
    evidence.push(
      metricEvidence(ref, `container ${issue.container} memory working set`, formatMemory(usage)),
    );
  }
  const limitPart =
    limit === undefined
      ? 'without a memory limit (the node ran out of memory)'
      : `at its memory limit of ${limitText}${usageText}`;
  return makeFinding({
    category: 'OOMKilled',
    severity: 'high',
    object: ref,
    summary: `container "${issue.container}" of ${ref} was OOMKilled (exit code ${exit}) ${limitPart}; ${plural(issue.restartCount, 'restart')}`,
    evidence,
    affected: [ref],
    confidence: limit === undefined ? 0.7 : 0.85,
    action:
      limit === undefined || limitText === undefined
        ? null
        : proposal(
            workloadRefOf(pod, snapshot),
            issue.container,
            limitText,
            raisedLimit(limit, usage),
            usageText,
          ),
  });
}

export const analyzeOomKills: Analyzer = (snapshot) =>
  snapshot.pods.flatMap((pod) =>
    containerIssues(pod)
      .filter(isOomKill)
      .map((issue) => oomFinding(pod, issue, snapshot)),
  );
