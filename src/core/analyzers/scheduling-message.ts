/**
 * The kube-scheduler's FailedScheduling message, e.g.
 * "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu},
 *  2 Insufficient memory. preemption: ...", split into its reasons.
 */
export interface SchedulingReason {
  readonly nodes: number;
  readonly text: string;
}

export function schedulingReasons(message: string): SchedulingReason[] {
  const match = /nodes are available: (.*?)(?:\.\s|\.$|$)/.exec(message);
  const list = match?.[1];
  if (list === undefined) return [];
  return list
    .split(/,\s*(?=\d+ )/)
    .map((part) => /^(\d+) (.*)$/.exec(part.trim()))
    .filter((m) => m !== null)
    .map((m) => ({ nodes: Number(m[1]), text: m[2] ?? '' }));
}

export function insufficientResources(reasons: readonly SchedulingReason[]): string[] {
  return reasons.flatMap((r) => /^Insufficient (\S+)/.exec(r.text)?.[1] ?? []);
}

export function untoleratedTaints(reasons: readonly SchedulingReason[]): string[] {
  return reasons.flatMap((r) => /untolerated taint\(?s?\)? ?(\{[^}]*\})/.exec(r.text)?.[1] ?? []);
}

export function mentions(reasons: readonly SchedulingReason[], pattern: RegExp): boolean {
  return reasons.some((r) => pattern.test(r.text));
}
