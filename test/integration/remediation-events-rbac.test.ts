import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeEventRecorder } from '../../src/adapters/kube/kube-event-recorder.ts';
import { auditPermissions, rulesFor } from '../../src/core/remediation/rbac-rules.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { allowed, impersonating } from '../support/remediation.ts';

/**
 * The audit Events of the remediation lifecycle (one per proposal
 * transition, on the target) are written by the Kubernetes event recorder,
 * outside the executor, so no action's RBAC lists them: the remediation
 * role carries them as its always-on rule (`auditPermissions`). Here the
 * recorder runs as a user holding ONLY that rule and writes the Events of a
 * Deployment and of a Node (which go to `default`); without the rule the
 * same calls are refused.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'remediation-events');
let user: string;
const clock = { now: () => new Date() };

function recorderAs(name: string) {
  return createKubeEventRecorder(impersonating(k.kc, name).makeApiClient(k8s.CoreV1Api), clock);
}

async function eventsFor(namespace: string, name: string, reason: string) {
  const list = await k.core.listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.name=${name},reason=${reason}`,
  });
  return list.items;
}

beforeAll(async () => {
  user = `punchingfist-test-${ns}-audit`;
  const rbac = k.kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  const rules = rulesFor(auditPermissions).map((r) => ({
    apiGroups: [...r.apiGroups],
    resources: [...r.resources],
    verbs: [...r.verbs],
  }));
  await rbac.createClusterRole({ body: { metadata: { name: user }, rules } });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: user },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: user },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    },
  });
  const kc = impersonating(k.kc, user);
  await eventually('RBAC for the audit user', () => allowed(kc, 'create events (core)'), 20_000);
});

afterAll(async () => {
  const rbac = k.kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  await rbac.deleteClusterRoleBinding({ name: user }).catch(() => undefined);
  await rbac.deleteClusterRole({ name: user }).catch(() => undefined);
});

describe('the remediation role’s audit rule', () => {
  it('covers every call the event recorder makes, for a namespaced target and a Node', async () => {
    const recorder = recorderAs(user);
    const node = `audit-node-${ns}`;
    await recorder.record(`Deployment/${ns}/web`, {
      type: 'Normal',
      reason: 'RemediationApproved',
      message: 'punchingfist scale (proposal p-1, run r-1): approved by U1; queued',
    });
    await recorder.record(`Node/${node}`, {
      type: 'Warning',
      reason: 'RemediationRolledBack',
      message: 'punchingfist cordon_node (proposal p-2, run r-2): rolled back',
    });

    const [onDeployment] = await eventsFor(ns, 'web', 'RemediationApproved');
    expect(onDeployment).toMatchObject({
      type: 'Normal',
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns },
      source: { component: 'punchingfist' },
    });
    const [onNode] = await eventsFor('default', node, 'RemediationRolledBack');
    expect(onNode).toMatchObject({ type: 'Warning', involvedObject: { kind: 'Node', name: node } });
    await k.core.deleteNamespacedEvent({
      namespace: 'default',
      name: onNode?.metadata?.name ?? '',
    });
  });

  it('is needed: a user without it is refused the same Event', async () => {
    const recorder = recorderAs(`${user}-without`);
    await expect(
      recorder.record(`Deployment/${ns}/web`, {
        type: 'Normal',
        reason: 'RemediationProposed',
        message: 'proposed',
      }),
    ).rejects.toMatchObject({ code: 403 });
    expect(await eventsFor(ns, 'web', 'RemediationProposed')).toEqual([]);
  });
});
