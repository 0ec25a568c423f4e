import type { Evidence, Finding } from '../investigation/report.ts';
import type { KubeEvent } from '../kube/cluster-objects.ts';
import { eventCount, eventsFor } from '../kube/events.ts';
import { condition } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding } from './finding.ts';
import { containerIssues, isPodReady } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Failing probes: the kubelet's Unhealthy events (readiness, liveness,
 * startup), and pods that run but have never become Ready.
 */
function probeKind(event: KubeEvent): string | undefined {
  return /^(Readiness|Liveness|Startup) probe/i.exec(event.message ?? '')?.[1];
}

function runningNeverReady(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return (
    pod.status?.phase === 'Running' &&
    !isPodReady(pod) &&
    statuses.length > 0 &&
    statuses.some((s) => s.state?.running !== undefined && s.ready !== true) &&
    containerIssues(pod).length === 0
  );
}

function probeSpecEvidence(pod: Pod, kinds: readonly string[]): Evidence[] {
  return (pod.spec?.containers ?? []).flatMap((c) =>
    kinds.flatMap((kind) => {
      const key = `${kind.toLowerCase()}Probe` as
        | 'readinessProbe'
        | 'livenessProbe'
        | 'startupProbe';
      const probe = c[key];
      return probe === undefined
        ? []
        : [
            fieldEvidence(
              refOf('Pod', pod),
              `spec.containers[${c.name}].${key}`,
              JSON.stringify(probe),
            ),
          ];
    }),
  );
}

function probeFinding(pod: Pod, snapshot: Snapshot): Finding | undefined {
  const unhealthy = eventsFor(snapshot.events, 'Pod', pod).filter((e) => e.reason === 'Unhealthy');
  const neverReady = runningNeverReady(pod);
  if (unhealthy.length === 0 && !neverReady) return undefined;
  const ref = refOf('Pod', pod);
  const kinds = [...new Set(unhealthy.map(probeKind).filter((k) => k !== undefined))];
  const ready = condition(pod.status?.conditions, 'Ready');
  const failures = unhealthy.reduce((sum, e) => sum + eventCount(e), 0);
  const latest = unhealthy[0]?.message;
  const probes = kinds.join(' and ').toLowerCase() || 'health';
  const state = neverReady ? 'is Running but never Ready' : `fails its ${probes} probe`;
  return makeFinding({
    category: 'ProbeFailure',
    severity: kinds.includes('Liveness') ? 'high' : 'medium',
    object: ref,
    summary: `${ref} ${state}${latest === undefined ? '' : `: ${latest}${failures > 1 ? ` (x${failures})` : ''}`}`,
    evidence: [
      ...unhealthy.slice(0, 3).map((e) => eventEvidence(ref, e)),
      ...(ready === undefined
        ? []
        : [
            fieldEvidence(
              ref,
              'status.conditions[Ready]',
              `${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${ready.message ? `: ${ready.message}` : ''}`,
              ready.lastTransitionTime,
            ),
          ]),
      ...probeSpecEvidence(pod, kinds.length > 0 ? kinds : ['Readiness']),
    ],
    affected: [ref],
    confidence: unhealthy.length > 0 ? 0.8 : 0.55,
  });
}

export const analyzeProbeFailures: Analyzer = (snapshot) =>
  snapshot.pods.flatMap((pod) => probeFinding(pod, snapshot) ?? []);
