import type { Finding } from '../investigation/report.ts';
import type { Pdb } from '../kube/cluster-objects.ts';
import { refOf } from '../kube/refs.ts';
import { matchesSelector } from '../kube/selectors.ts';
import { type Analyzer, fieldEvidence, makeFinding } from './finding.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * A PodDisruptionBudget that allows no disruption: node drains and other
 * evictions of its pods block. Severe when one of its pods sits on a
 * cordoned node (a drain is waiting on it); otherwise a warning, since
 * unhealthy pods (ranked above it) are the usual reason.
 */
function pdbFinding(pdb: Pdb, snapshot: Snapshot): Finding | undefined {
  const status = pdb.status;
  if (status?.disruptionsAllowed !== 0 || (status.expectedPods ?? 0) === 0) return undefined;
  const ref = refOf('PodDisruptionBudget', pdb);
  const pods = snapshot.pods.filter(
    (p) =>
      p.metadata.namespace === pdb.metadata.namespace &&
      matchesSelector(p.metadata.labels, pdb.spec?.selector),
  );
  const cordoned = new Set(
    snapshot.nodes.filter((n) => n.spec?.unschedulable === true).map((n) => n.metadata.name),
  );
  const draining = pods.filter((p) => cordoned.has(p.spec?.nodeName ?? ''));
  const budget =
    pdb.spec?.minAvailable !== undefined
      ? `minAvailable ${pdb.spec.minAvailable}`
      : `maxUnavailable ${pdb.spec?.maxUnavailable ?? '?'}`;
  return makeFinding({
    category: 'PDBBlocking',
    severity: draining.length > 0 ? 'high' : 'low',
    object: ref,
    summary:
      `${ref} allows no disruptions (${status.currentHealthy ?? 0} healthy, ${status.desiredHealthy ?? 0} required by ${budget}): ` +
      `evictions of its ${status.expectedPods ?? pods.length} pods are blocked` +
      (draining.length > 0
        ? `, including ${draining.length} on a cordoned node being drained`
        : ''),
    evidence: [
      fieldEvidence(
        ref,
        'status.disruptionsAllowed',
        `0 (currentHealthy ${status.currentHealthy ?? 0}, desiredHealthy ${status.desiredHealthy ?? 0}, expectedPods ${status.expectedPods ?? 0})`,
      ),
      fieldEvidence(ref, 'spec', budget),
      ...draining
        .slice(0, 3)
        .map((p) =>
          fieldEvidence(refOf('Pod', p), 'spec.nodeName', `${p.spec?.nodeName ?? ''} (cordoned)`),
        ),
    ],
    affected: pods.map((p) => refOf('Pod', p)),
    confidence: 0.7,
  });
}

export const analyzePdbs: Analyzer = (snapshot) =>
  snapshot.pdbs.flatMap((p) => pdbFinding(p, snapshot) ?? []);
