import { condition } from '../kube/meta.ts';
import type { ContainerStatus, ContainerTerminated, Pod } from '../kube/pod.ts';

/** Something wrong with one container of a pod, read from its status. */
export interface ContainerIssue {
  readonly container: string;
  readonly init: boolean;
  /** The waiting or terminated reason: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error… */
  readonly reason: string;
  readonly message?: string | undefined;
  readonly restartCount: number;
  /** Where in the pod it was read, e.g. `status.containerStatuses[app]`. */
  readonly path: string;
  readonly lastTerminated?: ContainerTerminated | undefined;
  readonly terminatedNow: boolean;
}

const startingUp = new Set(['ContainerCreating', 'PodInitializing']);

function issueOf(status: ContainerStatus, init: boolean): ContainerIssue | undefined {
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  const path = `status.${init ? 'initContainerStatuses' : 'containerStatuses'}[${status.name}]`;
  const base = {
    container: status.name,
    init,
    restartCount: status.restartCount ?? 0,
    path,
    lastTerminated: last,
  };
  if (waiting?.reason !== undefined && !startingUp.has(waiting.reason)) {
    return { ...base, reason: waiting.reason, message: waiting.message, terminatedNow: false };
  }
  if (terminated !== undefined && terminated.exitCode !== 0) {
    return {
      ...base,
      reason: terminated.reason ?? 'Error',
      message: terminated.message,
      lastTerminated: terminated,
      terminatedNow: true,
    };
  }
  if (last?.reason === 'OOMKilled') return { ...base, reason: 'OOMKilled', terminatedNow: false };
  return undefined;
}

export function containerIssues(pod: Pod): ContainerIssue[] {
  const init = (pod.status?.initContainerStatuses ?? []).map((s) => issueOf(s, true));
  const main = (pod.status?.containerStatuses ?? []).map((s) => issueOf(s, false));
  return [...init, ...main].filter((issue) => issue !== undefined);
}

export function isPodReady(pod: Pod): boolean {
  return condition(pod.status?.conditions, 'Ready')?.status === 'True';
}

export function isUnschedulable(pod: Pod): boolean {
  const scheduled = condition(pod.status?.conditions, 'PodScheduled');
  return pod.status?.phase === 'Pending' && scheduled?.status === 'False';
}

function describeIssue(issue: ContainerIssue): string {
  const exit = issue.lastTerminated?.exitCode;
  const last = issue.lastTerminated?.reason;
  if (issue.reason === 'CrashLoopBackOff' && exit !== undefined) {
    return `CrashLoopBackOff (last exit code ${exit}${last === undefined ? '' : `, ${last}`})`;
  }
  return issue.reason;
}

/** A short description of what is wrong with a pod, or undefined when it looks healthy. */
export function podProblem(pod: Pod): string | undefined {
  if (pod.metadata.deletionTimestamp !== undefined) return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return undefined;
  if (isUnschedulable(pod)) return 'Pending (Unschedulable)';
  const [issue] = containerIssues(pod);
  if (issue !== undefined) return describeIssue(issue);
  if (phase === 'Failed') return `Failed${pod.status?.reason ? ` (${pod.status.reason})` : ''}`;
  if (phase === 'Running' && !isPodReady(pod)) return 'Running but not Ready';
  return undefined;
}

export function containerSpec(pod: Pod, name: string) {
  const spec = pod.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find(
    (c) => c.name === name,
  );
}
