import type { Finding } from '../investigation/report.ts';
import type { Pvc } from '../kube/cluster-objects.ts';
import { eventsFor } from '../kube/events.ts';
import { refOf } from '../kube/refs.ts';
import { type Analyzer, eventEvidence, fieldEvidence, makeFinding } from './finding.ts';
import { type Snapshot, wasChecked } from './snapshot.ts';

/**
 * A PersistentVolumeClaim stuck Pending: a StorageClass that does not
 * exist, no default StorageClass, or the provisioner's own complaint.
 */
const defaultAnnotation = 'storageclass.kubernetes.io/is-default-class';

function classCause(pvc: Pvc, snapshot: Snapshot): { text: string; verified: boolean } | undefined {
  if (!wasChecked(snapshot, 'StorageClass/*')) return undefined;
  const name = pvc.spec?.storageClassName;
  const names = snapshot.storageClasses.map((c) => c.metadata.name);
  const available = names.length === 0 ? 'none exist' : `available: ${names.join(', ')}`;
  if (name === undefined) {
    const hasDefault = snapshot.storageClasses.some(
      (c) => c.metadata.annotations?.[defaultAnnotation] === 'true',
    );
    return hasDefault
      ? undefined
      : {
          text: `it names no StorageClass and the cluster has no default one (${available})`,
          verified: true,
        };
  }
  if (name === '')
    return {
      text: 'it asks for a pre-provisioned PersistentVolume (storageClassName "") and none matches',
      verified: false,
    };
  return names.includes(name)
    ? undefined
    : { text: `StorageClass "${name}" does not exist (${available})`, verified: true };
}

function pendingFinding(pvc: Pvc, snapshot: Snapshot): Finding {
  const ref = refOf('PersistentVolumeClaim', pvc);
  const events = eventsFor(snapshot.events, 'PersistentVolumeClaim', pvc).filter(
    (e) => e.type === 'Warning' || e.reason === 'ExternalProvisioning',
  );
  const cause = classCause(pvc, snapshot);
  const users = snapshot.pods.filter(
    (p) =>
      p.metadata.namespace === pvc.metadata.namespace &&
      (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
  );
  const className = pvc.spec?.storageClassName;
  return makeFinding({
    category: 'PVCPending',
    severity: users.length > 0 ? 'high' : 'medium',
    object: ref,
    summary: `${ref} is Pending: ${cause?.text ?? events[0]?.message ?? 'no PersistentVolume has been bound'}${users.length > 0 ? `; ${users.length} pod(s) wait for it` : ''}`,
    evidence: [
      fieldEvidence(ref, 'status.phase', 'Pending'),
      fieldEvidence(
        ref,
        'spec.storageClassName',
        className === undefined ? '(not set)' : `"${className}"`,
      ),
      ...events.slice(0, 2).map((e) => eventEvidence(ref, e)),
    ],
    affected: users.map((p) => refOf('Pod', p)),
    confidence: cause?.verified === true ? 0.95 : events.length > 0 ? 0.75 : 0.5,
  });
}

export const analyzePendingClaims: Analyzer = (snapshot) =>
  snapshot.pvcs
    .filter((pvc) => pvc.status?.phase === 'Pending')
    .map((pvc) => pendingFinding(pvc, snapshot));
