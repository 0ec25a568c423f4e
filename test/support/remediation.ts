import * as k8s from '@kubernetes/client-node';
import { expect } from 'vitest';
import {
  createKubeActionExecutor,
  type KubeActionExecutorDeps,
} from '../../src/adapters/kube/actions/kube-action-executor.ts';
import {
  clientsFrom,
  createRemediationApi,
  recordingApi,
} from '../../src/adapters/kube/actions/remediation-api.ts';
import type { ActionName } from '../../src/core/investigation/actions.ts';
import type { ActionExecutor, ActionRequest } from '../../src/core/remediation/action-executor.ts';
import { actionCatalogue } from '../../src/core/remediation/catalogue.ts';
import { parsePermission, remediationPolicyRules } from '../../src/core/remediation/rbac-rules.ts';
import { eventually, type Kube } from './kube.ts';

/**
 * The remediation executor as the operator would run it: impersonating a
 * user that holds ONLY the ClusterRole rules the catalogue declares for
 * one action, so a call the catalogue forgot fails with 403; and recording
 * each call's permission, so a verb the catalogue grants but never uses
 * shows up too.
 */
export interface ActionHarness {
  readonly executor: ActionExecutor;
  /** Permissions of the calls made so far. */
  readonly seen: Set<string>;
  /** Another executor as the same user, with other options (e.g. a drain timeout). */
  with(options: Partial<Omit<KubeActionExecutorDeps, 'api'>>): ActionExecutor;
  cleanup(): Promise<void>;
}

export function impersonating(kc: k8s.KubeConfig, user: string): k8s.KubeConfig {
  const copy = new k8s.KubeConfig();
  copy.loadFromOptions({
    clusters: kc.clusters,
    users: kc.users.map((u) => ({ ...u, impersonateUser: user })),
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return copy;
}

export async function allowed(kc: k8s.KubeConfig, permission: string): Promise<true | undefined> {
  const p = parsePermission(permission);
  const [resource = '', subresource] = p.resource.split('/');
  const review = await kc.makeApiClient(k8s.AuthorizationV1Api).createSelfSubjectAccessReview({
    body: {
      spec: {
        resourceAttributes: {
          verb: p.verb,
          group: p.group,
          resource,
          ...(subresource === undefined ? {} : { subresource }),
        },
      },
    },
  });
  return review.status?.allowed === true ? true : undefined;
}

export async function executorFor(
  k: Kube,
  ns: string,
  action: ActionName,
  options: Partial<Omit<KubeActionExecutorDeps, 'api'>> = {},
): Promise<ActionHarness> {
  const name = `punchingfist-test-${ns}-${action.replaceAll('_', '-')}`;
  const rbac = k.kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  const rules = remediationPolicyRules([action]).map((r) => ({
    apiGroups: [...r.apiGroups],
    resources: [...r.resources],
    verbs: [...r.verbs],
  }));
  await rbac.createClusterRole({ body: { metadata: { name }, rules } });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name }],
    },
  });
  const kc = impersonating(k.kc, name);
  const first = actionCatalogue[action].rbac[0] ?? '';
  await eventually(`RBAC for ${name}`, () => allowed(kc, first), 20_000);
  const seen = new Set<string>();
  const make = (more: Partial<Omit<KubeActionExecutorDeps, 'api'>>) =>
    createKubeActionExecutor({
      api: recordingApi(createRemediationApi(clientsFrom(kc)), seen),
      clock: { now: () => new Date() },
      pollIntervalMs: 250,
      ...options,
      ...more,
    });
  const executor = make({});
  return {
    executor,
    seen,
    with: make,
    async cleanup() {
      await rbac.deleteClusterRoleBinding({ name }).catch(() => undefined);
      await rbac.deleteClusterRole({ name }).catch(() => undefined);
    },
  };
}

/**
 * The catalogue grants no verb the executor never used on a resource it
 * did touch (kinds a test did not exercise, e.g. a DaemonSet, are skipped).
 */
export function expectExactPermissions(action: ActionName, seen: ReadonlySet<string>): void {
  const granted = actionCatalogue[action].rbac;
  for (const used of seen) expect(granted).toContain(used);
  const touched = new Set([...seen].map((s) => parsePermission(s).resource));
  const unused = granted.filter((g) => touched.has(parsePermission(g).resource) && !seen.has(g));
  expect(unused, `${action} is granted verbs it never uses`).toEqual([]);
}

export function request(
  id: string,
  action: ActionName,
  target: string,
  params: Record<string, unknown> = {},
): ActionRequest {
  return { id, action, target, params };
}

/** A Deployment whose pods become Ready unless `fault` names a simulated fault. */
export function deployment(
  name: string,
  replicas: number,
  extra: { fault?: string; resources?: k8s.V1ResourceRequirements } = {},
): k8s.V1Deployment {
  const labels: Record<string, string> = { app: name };
  const podLabels =
    extra.fault === undefined ? labels : { ...labels, 'sim.punchingfist.io/fault': extra.fault };
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: podLabels },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example/${name}:1.0`,
              ...(extra.resources === undefined ? {} : { resources: extra.resources }),
            },
          ],
        },
      },
    },
  };
}

export async function rolledOut(
  k: Kube,
  namespace: string,
  name: string,
): Promise<k8s.V1Deployment> {
  return eventually(`${name} rolled out`, async () => {
    const d = await k.apps.readNamespacedDeployment({ name, namespace });
    const want = d.spec?.replicas ?? 1;
    const s = d.status;
    const done =
      (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
      s?.updatedReplicas === want &&
      s?.availableReplicas === want &&
      (s?.replicas ?? 0) === want;
    return done ? d : undefined;
  });
}
