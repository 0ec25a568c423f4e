import type { Proposal } from '../investigation/actions.ts';
import type { Evidence, Finding } from '../investigation/report.ts';
import type { Node } from '../kube/cluster-objects.ts';
import { eventsFor } from '../kube/events.ts';
import { type Condition, condition } from '../kube/meta.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding, plural } from './finding.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Node NotReady and node pressure (memory, disk, PIDs). Both propose to
 * cordon the node so no new pods land on it while it is looked at.
 */
const pressures = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

function describeCondition(c: Condition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
}

function podsOn(node: Node, snapshot: Snapshot): string[] {
  return snapshot.pods
    .filter(
      (p) =>
        p.spec?.nodeName === node.metadata.name &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    )
    .map((p) => refOf('Pod', p));
}

function cordon(node: Node, why: string): Proposal | null {
  if (node.spec?.unschedulable === true) return null;
  return {
    action: 'cordon_node',
    target: refOf('Node', node),
    params: {},
    rationale: `keep new pods off ${node.metadata.name} while it ${why}`,
  };
}

function common(node: Node, snapshot: Snapshot, bad: readonly Condition[]): Evidence[] {
  const ref = refOf('Node', node);
  const taints = (node.spec?.taints ?? []).map(
    (t) => `${t.key ?? ''}${t.value ? `=${t.value}` : ''}:${t.effect ?? ''}`,
  );
  // The kubelet reports node events with the node's name as their uid: match by name only.
  const events = eventsFor(snapshot.events, 'Node', {
    metadata: { name: node.metadata.name },
  }).filter((e) => e.type === 'Warning' || /NotReady|Pressure/.test(e.reason ?? ''));
  return [
    ...bad.map((c) =>
      fieldEvidence(
        ref,
        `status.conditions[${c.type}]`,
        describeCondition(c),
        c.lastTransitionTime,
      ),
    ),
    ...(taints.length === 0 ? [] : [fieldEvidence(ref, 'spec.taints', taints.join(', '))]),
    ...(node.spec?.unschedulable === true
      ? [fieldEvidence(ref, 'spec.unschedulable', 'true (cordoned)')]
      : []),
    ...events.slice(0, 2).map((e) => eventEvidence(ref, e)),
  ];
}

function notReady(node: Node, snapshot: Snapshot): Finding | undefined {
  const ready = condition(node.status?.conditions, 'Ready');
  if (ready === undefined || ready.status === 'True') return undefined;
  const pods = podsOn(node, snapshot);
  const ref = refOf('Node', node);
  return makeFinding({
    category: 'NodeNotReady',
    severity: 'critical',
    object: ref,
    summary: `${ref} is NotReady (Ready=${ready.status}${ready.reason ? `, ${ready.reason}` : ''}${ready.message ? `: ${ready.message}` : ''}); ${plural(pods.length, 'pod')} run there`,
    evidence: common(node, snapshot, [ready]),
    affected: pods,
    confidence: 0.9,
    action: cordon(node, 'is NotReady'),
  });
}

function pressure(node: Node, snapshot: Snapshot): Finding | undefined {
  const bad = pressures.flatMap((type) => {
    const c = condition(node.status?.conditions, type);
    return c?.status === 'True' ? [c] : [];
  });
  if (bad.length === 0) return undefined;
  const ref = refOf('Node', node);
  return makeFinding({
    category: 'NodePressure',
    severity: 'medium',
    object: ref,
    summary: `${ref} reports ${bad.map((c) => c.type).join(' and ')}${bad[0]?.message ? `: ${bad[0].message}` : ''}; the kubelet may evict pods`,
    evidence: common(node, snapshot, bad),
    affected: podsOn(node, snapshot),
    confidence: 0.8,
    action: cordon(node, `has ${bad.map((c) => c.type).join(' and ')}`),
  });
}

export const analyzeNodes: Analyzer = (snapshot) =>
  snapshot.nodes.flatMap((node) =>
    [notReady(node, snapshot), pressure(node, snapshot)].filter((f) => f !== undefined),
  );
