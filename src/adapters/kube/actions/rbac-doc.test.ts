import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionNames } from '../../../core/investigation/actions.ts';
import { remediationRoleRules } from '../../../core/remediation/rbac-rules.ts';
import { renderRbacDoc } from './rbac-doc.ts';

describe('docs/remediation-rbac.md', () => {
  const committed = readFileSync(
    new URL('../../../../docs/remediation-rbac.md', import.meta.url),
    'utf8',
  );

  it('is current with the catalogue (regenerate: npx tsx scripts/generate-remediation-rbac.ts)', () => {
    expect(committed).toBe(renderRbacDoc());
  });

  it('shows a ClusterRole with exactly the rules of every action and the audit Events', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(committed)?.[1] ?? '';
    const role = parse(yaml) as { kind: string; rules: unknown };
    expect(role.kind).toBe('ClusterRole');
    expect(role.rules).toEqual(remediationRoleRules(actionNames));
    expect(committed).toContain('`create events (core)`');
    for (const action of actionNames) expect(committed).toContain(`| \`${action}\` |`);
  });
});
