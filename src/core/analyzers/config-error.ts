import type { Evidence, Finding } from '../investigation/report.ts';
import type { KeysOnly } from '../kube/cluster-objects.ts';
import { type ConfigRef, configRefs } from '../kube/config-refs.ts';
import type { Pod } from '../kube/pod.ts';
import { objectRef, refOf } from '../kube/refs.ts';
import { type Analyzer, fieldEvidence, makeFinding } from './finding.ts';
import { type ContainerIssue, containerIssues } from './pod-status.ts';
import { type Snapshot, wasChecked } from './snapshot.ts';

/**
 * CreateContainerConfigError: the kubelet cannot build a container's
 * environment. Each reference of the container is checked against the
 * ConfigMaps and Secrets that exist (names and key names only), so the
 * finding names what is really missing, not just the kubelet's first
 * complaint.
 */
interface Missing {
  readonly ref: ConfigRef;
  readonly existing?: KeysOnly;
}

function lookup(snapshot: Snapshot, ref: ConfigRef, namespace: string | undefined) {
  const pool = ref.kind === 'ConfigMap' ? snapshot.configMaps : snapshot.secrets;
  const found = pool.find(
    (o) => o.metadata.name === ref.name && o.metadata.namespace === namespace,
  );
  return { found, checked: wasChecked(snapshot, objectRef(ref.kind, ref.name, namespace)) };
}

function missingRefs(pod: Pod, container: string, snapshot: Snapshot): Missing[] {
  const namespace = pod.metadata.namespace;
  return configRefs(pod)
    .filter((ref) => ref.container === container && !ref.optional)
    .flatMap((ref): Missing[] => {
      const { found, checked } = lookup(snapshot, ref, namespace);
      if (found === undefined) return checked ? [{ ref }] : [];
      return ref.key !== undefined && !found.keys.includes(ref.key)
        ? [{ ref, existing: found }]
        : [];
    });
}

function describe(m: Missing): string {
  if (m.existing === undefined) return `${m.ref.kind} "${m.ref.name}" does not exist`;
  return `${m.ref.kind} "${m.ref.name}" has no key "${m.ref.key ?? ''}"`;
}

function missingEvidence(pod: Pod, m: Missing): Evidence[] {
  const target = objectRef(m.ref.kind, m.ref.name, pod.metadata.namespace);
  const what =
    m.existing === undefined
      ? fieldEvidence(
          target,
          'metadata.name',
          `${m.ref.kind} ${pod.metadata.namespace ?? ''}/${m.ref.name} not found`,
        )
      : fieldEvidence(
          target,
          'keys',
          `keys: ${m.existing.keys.join(', ') || '(none)'} (no "${m.ref.key ?? ''}")`,
        );
  const text =
    m.ref.key === undefined
      ? `${m.ref.kind} ${m.ref.name}`
      : `${m.ref.kind} ${m.ref.name}, key ${m.ref.key}`;
  return [fieldEvidence(refOf('Pod', pod), m.ref.via, text), what];
}

function configFinding(pod: Pod, issue: ContainerIssue, snapshot: Snapshot): Finding {
  const ref = refOf('Pod', pod);
  const missing = missingRefs(pod, issue.container, snapshot);
  const cause =
    missing.length > 0
      ? missing.map(describe).join('; ')
      : (issue.message ?? 'configuration is missing');
  return makeFinding({
    category: 'CreateContainerConfigError',
    severity: 'high',
    object: ref,
    summary: `container "${issue.container}" of ${ref} cannot start (${issue.reason}): ${cause}`,
    evidence: [
      fieldEvidence(
        ref,
        `${issue.path}.state.waiting`,
        `${issue.reason}: ${issue.message ?? ''}`.trim(),
      ),
      ...missing.flatMap((m) => missingEvidence(pod, m)),
    ],
    affected: [ref],
    confidence: missing.length > 0 ? 0.95 : 0.75,
  });
}

export const analyzeConfigErrors: Analyzer = (snapshot) =>
  snapshot.pods.flatMap((pod) =>
    containerIssues(pod)
      .filter((issue) => issue.reason === 'CreateContainerConfigError')
      .map((issue) => configFinding(pod, issue, snapshot)),
  );
