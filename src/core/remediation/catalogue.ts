import type { ActionName } from '../investigation/actions.ts';
import type { ActionDefinition } from './action-executor.ts';

/**
 * What each remediation is (SPEC §5): its risk, the kinds it acts on, the
 * exact RBAC the Kubernetes adapter needs for it (every call the adapter
 * makes for it — dry run, execute and verify), how it is verified and
 * whether a failed verification can be undone. RBAC strings read
 * `verb resource[/subresource] (apiGroup)`; `core` is the "" group.
 */
const workloadPatch = (resources: readonly string[]): string[] =>
  resources.flatMap((r) => [`get ${r} (apps)`, `patch ${r} (apps)`]);

export const actionCatalogue: Readonly<Record<ActionName, ActionDefinition>> = {
  restart_pod: {
    name: 'restart_pod',
    risk: 'low',
    kinds: ['Pod'],
    rbac: [
      'get pods (core)',
      'delete pods (core)',
      ...workloadPatch(['replicasets', 'statefulsets', 'daemonsets']),
    ],
    verify: 'the pod is replaced and its controller has all replicas ready',
    hasInverse: false,
  },
  rollout_restart: {
    name: 'rollout_restart',
    risk: 'low',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
    rbac: workloadPatch(['deployments', 'statefulsets', 'daemonsets']),
    verify: 'rollout complete and pods ready',
    hasInverse: true,
  },
  scale: {
    name: 'scale',
    risk: 'medium',
    kinds: ['Deployment', 'StatefulSet'],
    rbac: workloadPatch(['deployments', 'statefulsets']),
    verify: 'rollout complete and the new replica count ready',
    hasInverse: true,
  },
  rollback: {
    name: 'rollback',
    risk: 'medium',
    kinds: ['Deployment'],
    rbac: [...workloadPatch(['deployments']), 'list replicasets (apps)'],
    verify: 'rollout complete and pods ready',
    hasInverse: true,
  },
  cordon_node: {
    name: 'cordon_node',
    risk: 'medium',
    kinds: ['Node'],
    rbac: ['get nodes (core)', 'patch nodes (core)'],
    verify: 'node unschedulable',
    hasInverse: true,
  },
  uncordon_node: {
    name: 'uncordon_node',
    risk: 'low',
    kinds: ['Node'],
    rbac: ['get nodes (core)', 'patch nodes (core)'],
    verify: 'node schedulable',
    hasInverse: true,
  },
  drain_node: {
    name: 'drain_node',
    risk: 'high',
    kinds: ['Node'],
    rbac: [
      'get nodes (core)',
      'patch nodes (core)',
      'list pods (core)',
      'create pods/eviction (core)',
    ],
    verify: 'node unschedulable and no evictable pod left on it',
    hasInverse: true,
  },
  update_hpa: {
    name: 'update_hpa',
    risk: 'medium',
    kinds: ['HorizontalPodAutoscaler'],
    rbac: [
      'get horizontalpodautoscalers (autoscaling)',
      'patch horizontalpodautoscalers (autoscaling)',
    ],
    verify: 'the autoscaler has the new bounds',
    hasInverse: true,
  },
  set_resources: {
    name: 'set_resources',
    risk: 'medium',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
    rbac: workloadPatch(['deployments', 'statefulsets', 'daemonsets']),
    verify: 'rollout complete and pods ready with the new resources',
    hasInverse: true,
  },
  delete_job: {
    name: 'delete_job',
    risk: 'medium',
    kinds: ['Job'],
    rbac: ['get jobs (batch)', 'delete jobs (batch)'],
    verify: 'the Job is gone',
    hasInverse: false,
  },
  rerun_job: {
    name: 'rerun_job',
    risk: 'low',
    kinds: ['Job'],
    rbac: ['get jobs (batch)', 'create jobs (batch)', 'delete jobs (batch)'],
    verify: 'the new Job completes',
    hasInverse: false,
  },
};

/** An action's target, parsed from `Kind/namespace/name` (`Node/name`). */
export interface ActionTarget {
  readonly kind: string;
  /** Empty for a Node. */
  readonly namespace: string;
  readonly name: string;
}

export type ActionTargetParse =
  | { readonly ok: true; readonly target: ActionTarget }
  | { readonly ok: false; readonly message: string };

const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function badName(name: string, namespace: string): string | undefined {
  if (!dnsSubdomain.test(name)) {
    return `name "${name}" is not a valid Kubernetes name (lowercase letters, digits, "-" and ".")`;
  }
  if (namespace !== '' && !dnsLabel.test(namespace)) {
    return `namespace "${namespace}" is not a valid namespace name (lowercase letters, digits and "-")`;
  }
  return undefined;
}

function parts(text: string, kind: string): string[] | string {
  const all = text.split('/');
  const expected = kind === 'Node' ? 2 : 3;
  if (all.length === expected && all.every((p) => p !== '')) return all;
  return kind === 'Node'
    ? `target "${text}" must be Node/<name>`
    : `target "${text}" must be ${kind}/<namespace>/<name>`;
}

/** Parses an action's target and checks the action accepts its kind. */
export function parseActionTarget(action: ActionName, text: string): ActionTargetParse {
  const definition = actionCatalogue[action];
  const kind = text.split('/')[0] ?? '';
  if (!definition.kinds.includes(kind)) {
    const accepted = definition.kinds.join(', ');
    return {
      ok: false,
      message: `${action} acts on ${accepted}, not on "${kind}" (target "${text}")`,
    };
  }
  const split = parts(text.trim(), kind);
  if (typeof split === 'string') return { ok: false, message: split };
  const name = split[split.length - 1] ?? '';
  const namespace = split.length === 3 ? (split[1] ?? '') : '';
  const bad = badName(name, namespace);
  return bad === undefined
    ? { ok: true, target: { kind, namespace, name } }
    : { ok: false, message: `target "${text}": ${bad}` };
}

/** The `Kind/namespace/name` text of a target. */
export function formatActionTarget(target: ActionTarget): string {
  return target.namespace === ''
    ? `${target.kind}/${target.name}`
    : `${target.kind}/${target.namespace}/${target.name}`;
}
