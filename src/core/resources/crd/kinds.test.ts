import { describe, expect, it } from 'vitest';
import type { CustomResourceDefinition } from './custom-resource-definition.ts';
import { allCrds } from './kinds.ts';
import { type StructuralSchema, schemaKeyOrder } from './structural-schema.ts';

const crds = allCrds();
const byKind = (kind: string): CustomResourceDefinition => {
  const crd = crds.find((c) => c.spec.names.kind === kind);
  if (crd === undefined) throw new Error(`no CRD for ${kind}`);
  return crd;
};
const schemaOf = (crd: CustomResourceDefinition): StructuralSchema => {
  const version = crd.spec.versions[0];
  if (version === undefined) throw new Error('no version');
  return version.schema.openAPIV3Schema;
};

/** Every problem that makes the API server refuse a schema as non-structural. */
function structuralProblems(schema: StructuralSchema, path = ''): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(schema).filter(
    (k) => !(schemaKeyOrder as readonly string[]).includes(k),
  );
  if (unknown.length > 0) problems.push(`${path}: unexpected ${unknown.join(', ')}`);
  if (schema.type === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    problems.push(`${path}: no type`);
  }
  if (schema.properties !== undefined && schema.additionalProperties !== undefined) {
    problems.push(`${path}: properties and additionalProperties`);
  }
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  for (const key of keys) {
    const item = schema.items;
    if (item?.required?.includes(key) !== true && item?.properties?.[key]?.default === undefined) {
      problems.push(`${path}: list-map key ${key} is neither required nor defaulted`);
    }
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (schema.items !== undefined) problems.push(...structuralProblems(schema.items, `${path}[]`));
  if (schema.additionalProperties !== undefined) {
    problems.push(...structuralProblems(schema.additionalProperties, `${path}.*`));
  }
  return problems;
}

function fieldAt(schema: StructuralSchema, jsonPath: string): StructuralSchema | undefined {
  const names = jsonPath
    .replace(/\[\?.*\]/, '[]')
    .split('.')
    .filter(Boolean);
  let node: StructuralSchema | undefined = schema;
  for (const name of names) {
    node = name.endsWith('[]')
      ? node?.properties?.[name.slice(0, -2)]?.items
      : node?.properties?.[name];
  }
  return node;
}

describe('generated CRDs', () => {
  it('are the four namespaced kinds of punchingfist.io/v1alpha1, labelled for the installer', () => {
    expect(crds.map((c) => c.metadata.name)).toEqual([
      'sources.punchingfist.io',
      'workflows.punchingfist.io',
      'sinks.punchingfist.io',
      'workflowruns.punchingfist.io',
    ]);
    for (const crd of crds) {
      expect(crd.metadata.labels['app.kubernetes.io/part-of']).toBe('punchingfist');
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.names.categories).toEqual(['punchingfist']);
      expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage, v.subresources])).toEqual([
        ['v1alpha1', true, true, { status: {} }],
      ]);
    }
    expect(crds.map((c) => c.spec.names.shortNames)).toEqual([
      ['pfsrc'],
      ['pfwf'],
      ['pfsink'],
      ['pfrun'],
    ]);
  });

  it.each(crds.map((c) => [c.spec.names.kind, c] as const))(
    '%s has a structural schema',
    (_, crd) => {
      expect(structuralProblems(schemaOf(crd))).toEqual([]);
      expect(JSON.stringify(crd)).not.toMatch(/"(\$ref|\$defs|anyOf|oneOf|allOf)"/);
    },
  );

  it('printer columns are the ones kubectl users were promised, each pointing at a real field', () => {
    const columns = (kind: string) => byKind(kind).spec.versions[0]?.additionalPrinterColumns ?? [];
    const shown = (kind: string) =>
      columns(kind)
        .filter((c) => (c.priority ?? 0) === 0)
        .map((c) => c.name.toUpperCase());
    expect(shown('Source')).toEqual(['TYPE', 'WORKFLOW', 'READY', 'EVENTS', 'AGE']);
    expect(shown('Workflow')).toEqual(['STEPS', 'READY', 'AGE']);
    expect(shown('Sink')).toEqual(['TYPE', 'READY', 'SENT', 'AGE']);
    expect(shown('WorkflowRun')).toEqual([
      'WORKFLOW',
      'PHASE',
      'TRIGGER',
      'STARTED',
      'DURATION',
      'AGE',
    ]);
    for (const crd of crds) {
      for (const column of crd.spec.versions[0]?.additionalPrinterColumns ?? []) {
        if (column.jsonPath.startsWith('.metadata.')) continue;
        const field = fieldAt(schemaOf(crd), column.jsonPath);
        expect(field, `${crd.spec.names.kind} ${column.name} → ${column.jsonPath}`).toBeDefined();
        const type = column.type === 'date' ? 'string' : column.type;
        expect(field?.type, `${crd.spec.names.kind} ${column.name}`).toBe(type);
      }
    }
  });

  it('says in CEL which fields go with which type', () => {
    const rules = schemaOf(byKind('Source')).properties?.spec?.['x-kubernetes-validations'] ?? [];
    expect(rules).toContainEqual({
      rule: "!(self.type == 'schedule') || has(self.schedule)",
      message: 'schedule is required when type is schedule',
      fieldPath: '.schedule',
      reason: 'FieldValueRequired',
    });
    expect(rules).toContainEqual({
      rule: "!has(self.auth) || self.type in ['alertmanager', 'api']",
      message: 'auth is only allowed when type is alertmanager or api',
      fieldPath: '.auth',
      reason: 'FieldValueForbidden',
    });
  });

  it('keeps step names unique with a list map, and WorkflowRun spec immutable', () => {
    const steps = schemaOf(byKind('Workflow')).properties?.spec?.properties?.steps;
    expect(steps?.['x-kubernetes-list-type']).toBe('map');
    expect(steps?.['x-kubernetes-list-map-keys']).toEqual(['name']);
    const runSpec = schemaOf(byKind('WorkflowRun')).properties?.spec;
    expect(runSpec?.['x-kubernetes-validations']).toContainEqual({
      rule: 'self == oldSelf',
      message: 'spec is immutable: a run is a record',
    });
  });
});
