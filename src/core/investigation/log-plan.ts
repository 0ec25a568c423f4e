import { workloadRefOf } from '../analyzers/ownership.ts';
import { containerIssues, isPodReady } from '../analyzers/pod-status.ts';
import type { Snapshot } from '../analyzers/snapshot.ts';
import type { Pod } from '../kube/pod.ts';
import type { LogQuery } from '../ports.ts';

/**
 * Which logs to read: the previous instance of crashed containers, the
 * current log of containers that exited (a failed Job's pods) or run
 * without becoming Ready. Capped per workload and in total, the focused
 * container (named by an alert) first.
 */
export interface LogPlanOptions {
  readonly max?: number;
  readonly perWorkload?: number;
  readonly tailLines?: number;
  readonly limitBytes?: number;
  readonly focusContainer?: string;
}

interface Want {
  readonly pod: Pod;
  readonly container: string;
  readonly previous: boolean;
  readonly priority: number;
}

const noLogs = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'ErrImageNeverPull',
]);

function wants(pod: Pod, focus: string | undefined): Want[] {
  const fromIssues = containerIssues(pod)
    .filter((i) => !noLogs.has(i.reason))
    .map((i) => ({
      pod,
      container: i.container,
      previous: !i.terminatedNow && i.lastTerminated !== undefined,
      priority: i.container === focus ? 0 : 1,
    }));
  if (fromIssues.length > 0) return fromIssues;
  if (pod.status?.phase !== 'Running' || isPodReady(pod)) return [];
  return (pod.status.containerStatuses ?? [])
    .filter((s) => s.ready !== true && s.state?.running !== undefined)
    .map((s) => ({ pod, container: s.name, previous: false, priority: 2 }));
}

export function planLogs(
  pods: readonly Pod[],
  snapshot: Snapshot,
  options: LogPlanOptions = {},
): LogQuery[] {
  const perWorkload = options.perWorkload ?? 2;
  const counts = new Map<string, number>();
  const chosen = pods
    .flatMap((pod) => wants(pod, options.focusContainer))
    .sort((a, b) => a.priority - b.priority)
    .filter((w) => {
      const key = workloadRefOf(w.pod, snapshot) ?? w.pod.metadata.name;
      const seen = counts.get(key) ?? 0;
      counts.set(key, seen + 1);
      return seen < perWorkload;
    })
    .slice(0, options.max ?? 6);
  return chosen.map((w) => ({
    namespace: w.pod.metadata.namespace ?? '',
    pod: w.pod.metadata.name,
    container: w.container,
    previous: w.previous,
    tailLines: options.tailLines ?? 100,
    limitBytes: options.limitBytes ?? 64 * 1024,
  }));
}
