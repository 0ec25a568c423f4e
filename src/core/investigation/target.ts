import { isClusterScoped, type KindName, kindFromAlias } from '../kube/kinds.ts';

/**
 * What to investigate, as a person or an alert names it: `kind/name`
 * (kubectl's kind names, or our `Kind/namespace/name` refs), a bare name,
 * or an alert's labels.
 */
export type TargetSpec =
  | {
      readonly by: 'ref';
      readonly kind: KindName;
      readonly name: string;
      readonly namespace: string;
    }
  | { readonly by: 'name'; readonly name: string; readonly namespace: string }
  | {
      readonly by: 'labels';
      readonly labels: Readonly<Record<string, string>>;
      readonly namespace?: string;
    };

export type TargetParse =
  | { readonly ok: true; readonly target: TargetSpec }
  | { readonly ok: false; readonly message: string };

/** The kinds an investigation can start from. */
export const investigableKinds: readonly KindName[] = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Service',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'Node',
  'Namespace',
];

const dnsName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function checkName(name: string, what: string): string | undefined {
  if (name.length > 253 || !dnsName.test(name)) {
    return `${what} "${name}" is not a valid Kubernetes name (lowercase letters, digits, "-" and ".")`;
  }
  return undefined;
}

function parseRefTarget(kindText: string, name: string, namespace: string): TargetParse {
  const kind = kindFromAlias(kindText);
  if (kind === undefined) return { ok: false, message: `unknown kind "${kindText}"` };
  if (!investigableKinds.includes(kind)) {
    return {
      ok: false,
      message: `cannot investigate a ${kind}; name a workload, Pod, Service, Node…`,
    };
  }
  const bad = checkName(name, 'name') ?? checkName(namespace, 'namespace');
  if (bad !== undefined) return { ok: false, message: bad };
  return {
    ok: true,
    target: { by: 'ref', kind, name, namespace: isClusterScoped(kind) ? '' : namespace },
  };
}

/** Parses `deploy/web`, `Deployment/shop/web`, `node/node-1` or `web`. */
export function parseTarget(text: string, defaultNamespace: string): TargetParse {
  const parts = text.trim().split('/');
  const [a, b, c] = parts;
  if (parts.length === 1 && a !== undefined && a !== '') {
    const bad = checkName(a, 'name') ?? checkName(defaultNamespace, 'namespace');
    return bad === undefined
      ? { ok: true, target: { by: 'name', name: a, namespace: defaultNamespace } }
      : { ok: false, message: bad };
  }
  if (parts.length === 2 && a && b) return parseRefTarget(a, b, defaultNamespace);
  if (parts.length === 3 && a && b && c) return parseRefTarget(a, c, b);
  return { ok: false, message: `"${text}" is not kind/name, Kind/namespace/name or name` };
}

/**
 * Alert labels, in the order they point at an object (kube-state-metrics /
 * kube-prometheus names; `exported_*` when the scrape target's own labels
 * took the plain names).
 */
const labelKinds: readonly (readonly [string, KindName])[] = [
  ['pod', 'Pod'],
  ['deployment', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['job_name', 'Job'],
  ['cronjob', 'CronJob'],
  ['replicaset', 'ReplicaSet'],
  ['horizontalpodautoscaler', 'HorizontalPodAutoscaler'],
  ['persistentvolumeclaim', 'PersistentVolumeClaim'],
  ['poddisruptionbudget', 'PodDisruptionBudget'],
  ['service', 'Service'],
  ['node', 'Node'],
];

export function normalizeAlertLabels(
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = { ...labels };
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('exported_') && value !== '') out[key.slice('exported_'.length)] = value;
  }
  return out;
}

/** The candidate objects an alert's labels name, most specific first. */
export function candidatesFromLabels(labels: Readonly<Record<string, string>>, namespace?: string) {
  const l = normalizeAlertLabels(labels);
  const ns = l.namespace ?? namespace ?? '';
  const named = labelKinds.flatMap(([key, kind]) => {
    const name = l[key];
    if (name === undefined || name === '' || checkName(name, key) !== undefined) return [];
    return [{ kind, name, namespace: isClusterScoped(kind) ? '' : ns }];
  });
  const scope = ns === '' ? [] : [{ kind: 'Namespace' as KindName, name: ns, namespace: '' }];
  return [...named, ...scope];
}

/** The container an alert or a person singled out, to read its logs first. */
export function focusContainer(target: TargetSpec): string | undefined {
  return target.by === 'labels' ? normalizeAlertLabels(target.labels).container : undefined;
}
