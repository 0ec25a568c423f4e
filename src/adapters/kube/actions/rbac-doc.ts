import { stringify } from 'yaml';
import { actionNames } from '../../../core/investigation/actions.ts';
import { actionCatalogue } from '../../../core/remediation/catalogue.ts';
import { auditPermissions, remediationClusterRole } from '../../../core/remediation/rbac-rules.ts';

/**
 * docs/remediation-rbac.md, generated from the catalogue (a unit test fails
 * when the committed file is stale): what each action needs beyond the
 * operator's read-only role, and the ClusterRole for all of them.
 * Regenerate: npx tsx scripts/generate-remediation-rbac.ts
 */
const header = `<!-- Generated from src/core/remediation/catalogue.ts by scripts/generate-remediation-rbac.ts. Do not edit. -->

# Remediation RBAC

The operator's ServiceAccount reads the cluster with a read-only ClusterRole.
Remediation needs more, and only for the actions that are enabled: these
rules go into a second ClusterRole, bound to the same ServiceAccount only when
remediation is enabled. \`punchingfist rbac --actions <a,b,…|all>\` prints it
for the actions you enable.

Every rule below is one call the executor makes (dry run, execute or verify)
— nothing more: the integration tests run each action as a user bound to only
its own rules, and fail on a 403 or on a verb granted but never used.
Server-side dry runs (\`dryRun=All\`) need the same verb as the real call.
The read verbs an action uses are listed too, so the role stands on its own
(the read-only role already grants most of them).
`;

function actionRow(name: (typeof actionNames)[number]): string {
  const a = actionCatalogue[name];
  const rbac = a.rbac.map((r) => `\`${r}\``).join('<br>');
  return `| \`${a.name}\` | ${a.risk} | ${a.kinds.join(', ')} | ${rbac} | ${a.verify} | ${a.hasInverse ? 'yes' : 'no'} |`;
}

export function renderRbacDoc(): string {
  const table = [
    '| action | risk | target kinds | RBAC (`verb resource (apiGroup)`) | verified by | inverse |',
    '|---|---|---|---|---|---|',
    ...actionNames.map(actionRow),
  ].join('\n');
  const role = stringify(remediationClusterRole('punchingfist-remediation', actionNames));
  return `${header}
## Per action

${table}

\`restart_pod\` patches the pod's owner (a ReplicaSet, StatefulSet or DaemonSet)
with its idempotency mark before deleting the pod; every other action writes
its mark on the target itself (annotation \`punchingfist.io/last-action\`).
\`drain_node\` lists pods in all namespaces (field selector \`spec.nodeName\`)
and evicts them through \`pods/eviction\`; it never deletes a pod directly.

## Always, when any action is enabled

${auditPermissions.map((p) => `\`${p}\``).join(', ')}: every transition of a
proposal (proposed, approved, executing, succeeded, rolled back, …) is a
Kubernetes Event \`Remediation<State>\` on its target (core/v1 Events, in the
target's namespace; a Node's in \`default\`), so \`kubectl describe\` shows
who approved what and how it went. It is the lifecycle's call, not the
executor's, so no action lists it; the role includes it whenever it exists.

## All actions enabled

\`\`\`yaml
${role}\`\`\`
`;
}
