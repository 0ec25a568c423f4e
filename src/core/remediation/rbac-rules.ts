import type { ActionName } from '../investigation/actions.ts';
import { actionCatalogue } from './catalogue.ts';

/**
 * The ClusterRole rules remediation adds to the operator's read-only role,
 * derived from the catalogue's `rbac` field: only the actions enabled get
 * their verbs, so a deployment without remediation has none.
 */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export interface Permission {
  readonly verb: string;
  /** `resource` or `resource/subresource`. */
  readonly resource: string;
  /** "" for the core group. */
  readonly group: string;
}

const pattern = /^([a-z]+) ([a-z]+(?:\/[a-z]+)?) \(([a-z0-9.]+)\)$/;

/** Reads `verb resource[/subresource] (apiGroup)`; `core` is the "" group. */
export function parsePermission(text: string): Permission {
  const match = pattern.exec(text);
  if (match === null) {
    throw new Error(`RBAC entry "${text}" must read "verb resource[/subresource] (apiGroup)"`);
  }
  const [, verb = '', resource = '', group = ''] = match;
  return { verb, resource, group: group === 'core' ? '' : group };
}

export function formatPermission(p: Permission): string {
  return `${p.verb} ${p.resource} (${p.group === '' ? 'core' : p.group})`;
}

/** The distinct permissions the given actions need, sorted. */
export function permissionsFor(actions: readonly ActionName[]): string[] {
  const all = new Set(actions.flatMap((a) => actionCatalogue[a].rbac));
  return [...all].map((t) => formatPermission(parsePermission(t))).sort();
}

/**
 * What the remediation lifecycle needs whatever actions are enabled: the
 * audit Event of every proposal transition on its target
 * (src/adapters/kube/kube-event-recorder.ts calls core/v1
 * `createNamespacedEvent`; a Node's Events go to `default`). Not an
 * executor call, so not in any action's list.
 */
export const auditPermissions: readonly string[] = ['create events (core)'];

/** The enabled actions' rules (what the executor calls for them). */
export function remediationPolicyRules(actions: readonly ActionName[]): PolicyRule[] {
  return rulesFor(permissionsFor(actions));
}

/** The remediation role's rules: the actions' and, when any is enabled, the audit's. */
export function remediationRoleRules(actions: readonly ActionName[]): PolicyRule[] {
  if (actions.length === 0) return [];
  return rulesFor([...permissionsFor(actions), ...auditPermissions]);
}

/** One rule per (apiGroup, resource), verbs merged; resources with the same verbs share a rule. */
export function rulesFor(permissions: readonly string[]): PolicyRule[] {
  const verbsOf = new Map<string, Set<string>>();
  for (const text of new Set(permissions)) {
    const p = parsePermission(text);
    const key = `${p.group}\u0000${p.resource}`;
    const verbs = verbsOf.get(key) ?? new Set<string>();
    verbs.add(p.verb);
    verbsOf.set(key, verbs);
  }
  const grouped = new Map<string, { group: string; verbs: string[]; resources: string[] }>();
  for (const [key, verbs] of verbsOf) {
    const [group = '', resource = ''] = key.split('\u0000');
    const sorted = [...verbs].sort();
    const id = `${group}\u0000${sorted.join(',')}`;
    const rule = grouped.get(id) ?? { group, verbs: sorted, resources: [] };
    rule.resources.push(resource);
    grouped.set(id, rule);
  }
  return [...grouped.values()]
    .map((r) => ({ apiGroups: [r.group], resources: r.resources.sort(), verbs: r.verbs }))
    .sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}

function ruleKey(rule: PolicyRule): string {
  return `${rule.apiGroups.join(',')}/${rule.resources.join(',')}`;
}

export interface ClusterRoleManifest {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'ClusterRole';
  readonly metadata: {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly rules: readonly PolicyRule[];
}

/**
 * The ClusterRole to bind to the operator's ServiceAccount beside its
 * read-only one, when remediation is enabled: exactly the enabled actions'
 * rules and the audit's (`create events`). With no action enabled, there is
 * nothing to create.
 */
export function remediationClusterRole(
  name: string,
  actions: readonly ActionName[],
): ClusterRoleManifest | undefined {
  if (actions.length === 0) return undefined;
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/name': 'punchingfist',
        'app.kubernetes.io/component': 'remediation',
      },
      annotations: { 'punchingfist.io/remediation-actions': [...actions].sort().join(',') },
    },
    rules: remediationRoleRules(actions),
  };
}
