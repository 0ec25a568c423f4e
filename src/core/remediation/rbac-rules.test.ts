import { describe, expect, it } from 'vitest';
import { actionNames } from '../investigation/actions.ts';
import {
  auditPermissions,
  parsePermission,
  permissionsFor,
  remediationClusterRole,
  remediationPolicyRules,
  remediationRoleRules,
} from './rbac-rules.ts';

describe('remediationPolicyRules', () => {
  it('gives no rule when no action is enabled (the read-only role stays read-only)', () => {
    expect(remediationPolicyRules([])).toEqual([]);
  });

  it('gives exactly the verbs of the enabled actions', () => {
    expect(remediationPolicyRules(['cordon_node'])).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
    ]);
    expect(remediationPolicyRules(['scale', 'update_hpa'])).toEqual([
      { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'patch'] },
      {
        apiGroups: ['autoscaling'],
        resources: ['horizontalpodautoscalers'],
        verbs: ['get', 'patch'],
      },
    ]);
  });

  it('merges verbs per resource and keeps subresources apart', () => {
    const rules = remediationPolicyRules(['drain_node', 'restart_pod']);
    expect(rules).toContainEqual({
      apiGroups: [''],
      resources: ['pods'],
      verbs: ['delete', 'get', 'list'],
    });
    expect(rules).toContainEqual({
      apiGroups: [''],
      resources: ['pods/eviction'],
      verbs: ['create'],
    });
    expect(rules.flatMap((r) => r.verbs)).not.toContain('*');
  });

  it('never grants a wildcard, and every action together stays within the resources remediation touches', () => {
    const resources = new Set(remediationPolicyRules(actionNames).flatMap((r) => r.resources));
    expect([...resources].sort()).toEqual([
      'daemonsets',
      'deployments',
      'horizontalpodautoscalers',
      'jobs',
      'nodes',
      'pods',
      'pods/eviction',
      'replicasets',
      'statefulsets',
    ]);
    expect(permissionsFor(actionNames)).not.toContain('delete nodes (core)');
  });

  it('adds the audit Events to the role whatever actions are enabled, and nothing with none', () => {
    expect(auditPermissions).toEqual(['create events (core)']);
    expect(remediationRoleRules([])).toEqual([]);
    expect(remediationClusterRole('r', [])).toBeUndefined();
    expect(remediationRoleRules(['cordon_node'])).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
    ]);
    expect(remediationClusterRole('r', ['rerun_job'])?.rules).toContainEqual({
      apiGroups: [''],
      resources: ['events'],
      verbs: ['create'],
    });
    // No action's own list carries it: it is the lifecycle's, not the executor's.
    expect(permissionsFor(actionNames)).not.toContain('create events (core)');
  });

  it('rejects an entry it cannot read, naming it', () => {
    expect(() => parsePermission('patch all the things')).toThrow(
      'RBAC entry "patch all the things" must read "verb resource[/subresource] (apiGroup)"',
    );
  });
});
