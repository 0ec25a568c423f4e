import { stringify } from 'yaml';
import type { CustomResourceDefinition } from '../core/resources/crd/custom-resource-definition.ts';
import { allCrds } from '../core/resources/crd/kinds.ts';

/**
 * The CRD YAML generated from the zod schemas (src/core/resources): what
 * `punchingfist crds` prints and what scripts/generate-crds.ts writes to
 * crds/. The committed files are checked against this by a test.
 */
const header =
  '# Generated from the zod schemas in src/core/resources by scripts/generate-crds.ts. Do not edit.\n';

export interface CrdFile {
  /** File name under crds/, e.g. punchingfist.io_sources.yaml. */
  readonly fileName: string;
  readonly content: string;
}

export function renderCrd(crd: CustomResourceDefinition): string {
  return stringify(crd, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function crdFiles(): CrdFile[] {
  return allCrds().map((crd) => ({
    fileName: `${crd.spec.group}_${crd.spec.names.plural}.yaml`,
    content: `${header}${renderCrd(crd)}`,
  }));
}

/** Every CRD, as one multi-document YAML stream. */
export function renderCrds(): string {
  return `${header}${allCrds().map(renderCrd).join('---\n')}`;
}
