import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { actionNames } from '../src/core/investigation/actions.ts';
import { actionCatalogue } from '../src/core/remediation/catalogue.ts';
import { auditPermissions, permissionsFor } from '../src/core/remediation/rbac-rules.ts';

/**
 * The Helm chart's generated files (deploy/helm/punchingfist): its crds/,
 * byte-for-byte copies of the repo's crds/, and files/remediation-actions.yaml,
 * each remediation action's RBAC from the catalogue, from which the chart
 * builds the remediation ClusterRole for `remediation.actions`.
 * Written by scripts/generate-helm-chart.ts; the chart's test fails when stale.
 */
export const chartDir = 'deploy/helm/punchingfist';

export interface ChartFile {
  /** Relative to the repo root. */
  readonly path: string;
  readonly content: string;
}

export function crdCopies(root: string): ChartFile[] {
  return readdirSync(path.join(root, 'crds'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      path: `${chartDir}/crds/${f}`,
      content: readFileSync(path.join(root, 'crds', f), 'utf8'),
    }));
}

export function remediationActionsFile(): ChartFile {
  const actions = Object.fromEntries(actionNames.map((a) => [a, permissionsFor([a])]));
  const header = [
    '# Generated from src/core/remediation/catalogue.ts by scripts/generate-helm-chart.ts. Do not edit.',
    '# Each remediation action and the RBAC it needs (`verb resource (apiGroup)`), as',
    '# `punchingfist rbac --actions` prints it; templates/remediation-rbac.yaml merges',
    '# the enabled actions into one ClusterRole, with `audit` (the Events the lifecycle',
    '# records on each target) whenever any action is enabled.',
  ].join('\n');
  const risks = actionNames.map((a) => `#   ${a}: ${actionCatalogue[a].risk}`).join('\n');
  return {
    path: `${chartDir}/files/remediation-actions.yaml`,
    content: `${header}\n# Risk by action:\n${risks}\n${stringify({ actions, audit: [...auditPermissions] })}`,
  };
}

export function chartFiles(root: string): ChartFile[] {
  return [...crdCopies(root), remediationActionsFile()];
}
