import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { type ActionName, actionNames } from '../core/investigation/actions.ts';
import { remediationClusterRole } from '../core/remediation/rbac-rules.ts';

/**
 * `punchingfist rbac [--actions a,b,…|all] [--name N]`: prints the
 * ClusterRole remediation needs for the enabled actions (nothing when none
 * is), to bind to the operator's ServiceAccount beside its read-only role.
 */
export interface RbacCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

function isAction(value: string): value is ActionName {
  return (actionNames as readonly string[]).includes(value);
}

export function parseActions(text: string): { actions: ActionName[] } | { error: string } {
  if (text.trim() === 'all') return { actions: [...actionNames] };
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !isAction(n));
  if (unknown.length > 0) {
    return {
      error: `--actions: unknown action(s) ${unknown.join(', ')}; known: all, ${actionNames.join(', ')}`,
    };
  }
  return { actions: names.filter(isAction) };
}

export function rbacCommand(args: string[], io: RbacCommandIo): number {
  const { values } = parseArgs({
    args,
    options: {
      actions: { type: 'string', default: 'all' },
      name: { type: 'string', default: 'punchingfist-remediation' },
    },
  });
  const parsed = parseActions(values.actions);
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const role = remediationClusterRole(values.name, parsed.actions);
  if (role === undefined) {
    io.stderr.write(
      'no remediation action enabled: the read-only role is all the operator needs\n',
    );
    return 0;
  }
  io.stdout.write(stringify(role));
  return 0;
}
