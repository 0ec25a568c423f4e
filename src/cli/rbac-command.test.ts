import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rbacCommand } from './rbac-command.ts';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = rbacCommand(args, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  });
  return { code, out, err };
}

describe('punchingfist rbac', () => {
  it('prints a ClusterRole with only the verbs of the enabled actions and the audit Events', () => {
    const { code, out } = run(['--actions', 'scale,cordon_node']);
    expect(code).toBe(0);
    const role = parse(out) as { kind: string; metadata: { name: string }; rules: unknown };
    expect(role.kind).toBe('ClusterRole');
    expect(role.metadata.name).toBe('punchingfist-remediation');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
      { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'patch'] },
    ]);
  });

  it('prints nothing when no action is enabled, and names an unknown action', () => {
    expect(run(['--actions', ''])).toMatchObject({ code: 0, out: '' });
    expect(run(['--actions', 'scale,nuke_cluster'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--actions: unknown action(s) nuke_cluster'),
    });
  });
});
