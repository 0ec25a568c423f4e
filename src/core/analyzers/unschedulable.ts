import type { Evidence, Finding } from '../investigation/report.ts';
import type { Node } from '../kube/cluster-objects.ts';
import { eventsFor } from '../kube/events.ts';
import { condition } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { parseQuantity } from '../kube/quantity.ts';
import { refOf } from '../kube/refs.ts';
import { formatLabels } from '../kube/selectors.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding } from './finding.ts';
import { isUnschedulable } from './pod-status.ts';
import {
  insufficientResources,
  mentions,
  type SchedulingReason,
  schedulingReasons,
  untoleratedTaints,
} from './scheduling-message.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Pending / unschedulable pods: the scheduler's FailedScheduling message,
 * checked against the nodes — a nodeSelector label no node has, a request
 * larger than any node's allocatable, taints not tolerated, unbound claims.
 */
interface Cause {
  readonly text: string;
  readonly evidence: Evidence[];
}

function selectorCause(pod: Pod, nodes: readonly Node[]): Cause | undefined {
  const selector = pod.spec?.nodeSelector ?? {};
  const absent = Object.entries(selector).filter(
    ([key, value]) => !nodes.some((n) => n.metadata.labels?.[key] === value),
  );
  if (Object.keys(selector).length === 0) return undefined;
  const evidence = [fieldEvidence(refOf('Pod', pod), 'spec.nodeSelector', formatLabels(selector))];
  const text =
    absent.length > 0
      ? `no node has label ${absent.map(([k, v]) => `${k}=${v}`).join(', ')} (nodeSelector)`
      : `no node has all of the nodeSelector labels ${formatLabels(selector)}`;
  return { text, evidence };
}

function requested(pod: Pod, resource: string): { text: string; value: number } | undefined {
  const values = (pod.spec?.containers ?? []).map((c) => c.resources?.requests?.[resource]);
  const total = values.reduce((sum, v) => sum + (parseQuantity(v) ?? 0), 0);
  const text = values.filter((v) => v !== undefined).join(' + ');
  return total > 0 ? { text, value: total } : undefined;
}

function resourceCause(pod: Pod, resource: string, nodes: readonly Node[]): Cause {
  const ref = refOf('Pod', pod);
  const want = requested(pod, resource);
  const largest = [...nodes].sort(
    (a, b) =>
      (parseQuantity(b.status?.allocatable?.[resource]) ?? 0) -
      (parseQuantity(a.status?.allocatable?.[resource]) ?? 0),
  )[0];
  const capText = largest?.status?.allocatable?.[resource];
  const cap = parseQuantity(capText);
  const evidence = [
    ...(want === undefined
      ? []
      : [fieldEvidence(ref, `spec.containers[*].resources.requests.${resource}`, want.text)]),
    ...(largest === undefined || capText === undefined
      ? []
      : [fieldEvidence(refOf('Node', largest), `status.allocatable.${resource}`, capText)]),
  ];
  if (want !== undefined && cap !== undefined && want.value > cap) {
    return {
      text: `it requests ${want.text} ${resource}, more than any node can offer (largest allocatable ${capText})`,
      evidence,
    };
  }
  return {
    text: `no node has ${resource} left for its request of ${want?.text ?? '(none)'}`,
    evidence,
  };
}

function causesOf(pod: Pod, reasons: readonly SchedulingReason[], nodes: readonly Node[]): Cause[] {
  const causes: Cause[] = [];
  if (mentions(reasons, /node affinity\/selector|node selector/i)) {
    const cause = selectorCause(pod, nodes);
    causes.push(cause ?? { text: "no node matches the pod's node affinity", evidence: [] });
  }
  for (const resource of insufficientResources(reasons))
    causes.push(resourceCause(pod, resource, nodes));
  const taints = untoleratedTaints(reasons);
  if (taints.length > 0)
    causes.push({
      text: `nodes have taints it does not tolerate: ${taints.join(', ')}`,
      evidence: [],
    });
  if (mentions(reasons, /PersistentVolumeClaim|volume node affinity/i)) {
    causes.push({ text: 'its PersistentVolumeClaim is not bound', evidence: [] });
  }
  return causes;
}

function pendingFinding(pod: Pod, snapshot: Snapshot): Finding {
  const ref = refOf('Pod', pod);
  const event = eventsFor(snapshot.events, 'Pod', pod).find((e) => e.reason === 'FailedScheduling');
  const scheduled = condition(pod.status?.conditions, 'PodScheduled');
  const message = event?.message ?? scheduled?.message ?? '';
  const causes = causesOf(pod, schedulingReasons(message), snapshot.nodes);
  const said =
    event === undefined
      ? fieldEvidence(
          ref,
          'status.conditions[PodScheduled]',
          `${scheduled?.reason ?? 'Unschedulable'}: ${message}`,
        )
      : eventEvidence(ref, event);
  return makeFinding({
    category: 'Unschedulable',
    severity: 'high',
    object: ref,
    summary: `${ref} cannot be scheduled: ${causes.length > 0 ? causes.map((c) => c.text).join('; ') : message || 'no reason given'}`,
    evidence: [said, ...causes.flatMap((c) => c.evidence)],
    affected: [ref],
    confidence: causes.length > 0 ? 0.85 : 0.65,
  });
}

export const analyzeUnschedulable: Analyzer = (snapshot) =>
  snapshot.pods.filter(isUnschedulable).map((pod) => pendingFinding(pod, snapshot));
