import type { Evidence, Finding } from '../investigation/report.ts';
import type { Service } from '../kube/cluster-objects.ts';
import type { Pod } from '../kube/pod.ts';
import { objectRef, refOf } from '../kube/refs.ts';
import { formatLabels, matchesLabels } from '../kube/selectors.ts';
import { type Analyzer, fieldEvidence, makeFinding } from './finding.ts';
import { podProblem } from './pod-status.ts';
import { type Snapshot, wasChecked } from './snapshot.ts';

/**
 * A Service with a selector but no ready endpoint. Either the selector
 * matches no pod (a label typo: the finding shows the labels the nearest
 * pods really have), or it matches pods none of which are Ready.
 */
function readyEndpoints(service: Service, snapshot: Snapshot): number {
  return snapshot.endpointSlices
    .filter(
      (s) =>
        s.metadata.namespace === service.metadata.namespace &&
        s.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    )
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready !== false).length;
}

/** Pods that share at least one selector key with the Service: the likely intended targets. */
function nearMisses(selector: Record<string, string>, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) =>
    Object.keys(selector).some((key) => p.metadata.labels?.[key] !== undefined),
  );
}

function mismatch(
  service: Service,
  selector: Record<string, string>,
  pods: readonly Pod[],
): Finding {
  const ref = refOf('Service', service);
  const near = nearMisses(selector, pods);
  const wrong = Object.entries(selector).filter(
    ([k, v]) => !pods.some((p) => p.metadata.labels?.[k] === v),
  );
  const have = [
    ...new Set(
      near.flatMap((p) =>
        wrong.flatMap(([k]) => {
          const v = p.metadata.labels?.[k];
          return v === undefined ? [] : [`${k}=${v}`];
        }),
      ),
    ),
  ];
  const evidence: Evidence[] = [
    fieldEvidence(ref, 'spec.selector', formatLabels(selector)),
    fieldEvidence(
      objectRef('EndpointSlice', service.metadata.name, service.metadata.namespace),
      'endpoints',
      '0 ready endpoints',
    ),
    ...near
      .slice(0, 3)
      .map((p) =>
        fieldEvidence(refOf('Pod', p), 'metadata.labels', formatLabels(p.metadata.labels)),
      ),
  ];
  const label = wrong.map(([k, v]) => `${k}=${v}`).join(', ');
  return makeFinding({
    category: 'ServiceNoEndpoints',
    severity: 'high',
    object: ref,
    summary:
      `${ref} has no endpoints: its selector ${formatLabels(selector)} matches no pod` +
      (have.length > 0
        ? ` (no pod has ${label}; pods have ${have.join(', ')})`
        : ` in ${service.metadata.namespace ?? ''}`),
    evidence,
    confidence: have.length > 0 ? 0.9 : 0.75,
  });
}

function noneReady(
  service: Service,
  selector: Record<string, string>,
  matching: readonly Pod[],
): Finding {
  const ref = refOf('Service', service);
  const problems = matching.map((p) => ({ pod: p, problem: podProblem(p) ?? 'not Ready' }));
  return makeFinding({
    category: 'ServiceNoEndpoints',
    severity: 'high',
    object: ref,
    summary: `${ref} has no ready endpoints: its selector ${formatLabels(selector)} matches ${matching.length} pod(s), none Ready (${problems[0]?.problem ?? ''})`,
    evidence: [
      fieldEvidence(ref, 'spec.selector', formatLabels(selector)),
      ...problems.slice(0, 3).map((p) => fieldEvidence(refOf('Pod', p.pod), 'status', p.problem)),
    ],
    affected: matching.map((p) => refOf('Pod', p)),
    confidence: 0.7,
  });
}

function serviceFinding(service: Service, snapshot: Snapshot): Finding | undefined {
  const selector = service.spec?.selector ?? {};
  const namespace = service.metadata.namespace;
  if (service.spec?.type === 'ExternalName' || Object.keys(selector).length === 0) return undefined;
  if (readyEndpoints(service, snapshot) > 0) return undefined;
  if (!wasChecked(snapshot, `Pod/${namespace ?? ''}/*`)) return undefined;
  const pods = snapshot.pods.filter(
    (p) => p.metadata.namespace === namespace && p.metadata.deletionTimestamp === undefined,
  );
  const matching = pods.filter((p) => matchesLabels(p.metadata.labels, selector));
  return matching.length === 0
    ? mismatch(service, selector, pods)
    : noneReady(service, selector, matching);
}

export const analyzeServices: Analyzer = (snapshot) =>
  snapshot.services.flatMap((s) => serviceFinding(s, snapshot) ?? []);
