import { type CelValidation, celString } from '../validation-rule.ts';
import type { StructuralSchema } from './structural-schema.ts';

/**
 * A discriminated union (`type: a | b | …`, each with its own fields) as ONE
 * structural object: the union of all branches' properties, plus CEL rules
 * saying which fields go with which `type`. A property that differs between
 * branches is merged when it is an object (recursively), refused otherwise.
 */
interface Entry {
  readonly value: string;
  readonly schema: StructuralSchema;
}

interface Discriminator {
  readonly key: string;
}

interface Merged {
  readonly schema: StructuralSchema;
  readonly rules: CelValidation[];
}

const celKeywords = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'false',
  'for',
  'function',
  'if',
  'import',
  'in',
  'let',
  'loop',
  'package',
  'namespace',
  'null',
  'return',
  'true',
  'var',
  'void',
  'while',
]);

/** A property name as CEL in Kubernetes reads it (reserved words are escaped). */
export function celField(name: string): string {
  return celKeywords.has(name) ? `__${name}__` : name;
}

function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function isOneOf(key: string, values: readonly string[]): string {
  const [only] = values;
  if (values.length === 1 && only !== undefined) return `self.${key} == ${celString(only)}`;
  return `self.${key} in [${values.map(celString).join(', ')}]`;
}

function hasAll(segments: readonly string[]): string {
  return segments
    .map(
      (_, i) =>
        `has(self.${segments
          .slice(0, i + 1)
          .map(celField)
          .join('.')})`,
    )
    .join(' && ');
}

function not(expression: string): string {
  return /^[!\w.()']+$/.test(expression) && !expression.includes(' ')
    ? `!${expression}`
    : `!(${expression})`;
}

function sameIgnoring(schemas: readonly StructuralSchema[], ignored: readonly string[]): boolean {
  const strip = (s: StructuralSchema) =>
    JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => !ignored.includes(k))));
  const [first, ...rest] = schemas.map(strip);
  return rest.every((s) => s === first);
}

function isMergeableObject(schema: StructuralSchema): boolean {
  const allowed = ['type', 'description', 'properties', 'required', 'default'];
  return schema.type === 'object' && Object.keys(schema).every((k) => allowed.includes(k));
}

/** One description; when branches word it differently, each in turn, prefixed by its value. */
function mergedDescription(
  present: readonly Entry[],
  schemas: readonly StructuralSchema[],
): string | undefined {
  const distinct = new Set(schemas.map((s) => s.description).filter((d) => d !== undefined));
  if (distinct.size <= 1) return [...distinct][0];
  return present
    .map((e, i) => {
      const text = schemas[i]?.description;
      return text === undefined ? undefined : `${e.value}: ${text}`;
    })
    .filter((line) => line !== undefined)
    .join(' ');
}

function discriminatorOf(branches: readonly StructuralSchema[], path: string): string {
  const [first] = branches;
  const candidates = Object.keys(first?.properties ?? {}).filter((name) =>
    branches.every((b) => b.properties?.[name]?.enum?.length === 1),
  );
  const key = candidates[0];
  if (key === undefined)
    throw new Error(`${path}: a union of objects needs a discriminator property`);
  return key;
}

function mergeProperty(
  name: string,
  present: readonly Entry[],
  total: number,
  prefix: readonly string[],
  disc: Discriminator,
): Merged {
  const schemas = present.map((e) => e.schema.properties?.[name] ?? {});
  const where = [...prefix, name].join('.');
  let schema: StructuralSchema;
  const rules: CelValidation[] = [];
  if (sameIgnoring(schemas, ['description', 'default'])) {
    schema = { ...schemas[0] };
  } else if (schemas.every(isMergeableObject)) {
    const nested = mergeObjects(
      present.map((e) => ({ value: e.value, schema: e.schema.properties?.[name] ?? {} })),
      [...prefix, name],
      disc,
    );
    schema = { ...nested.schema };
    rules.push(...nested.rules);
  } else {
    throw new Error(`${where}: the branches of ${disc.key} define it differently`);
  }
  const description = mergedDescription(present, schemas);
  if (description === undefined) delete schema.description;
  else schema.description = description;
  // A default is kept only when every branch has the same one: the API
  // server applies defaults whatever the discriminator says.
  const defaults = new Set(schemas.map((s) => JSON.stringify(s.default)));
  if (present.length < total || defaults.size > 1) delete schema.default;
  else if (schemas[0]?.default !== undefined) schema.default = schemas[0].default;
  return { schema, rules };
}

function presenceRules(
  name: string,
  entries: readonly Entry[],
  prefix: readonly string[],
  disc: Discriminator,
): { rules: CelValidation[]; requiredEverywhere: boolean } {
  const segments = [...prefix, name];
  const where = segments.join('.');
  const present = entries.filter((e) => e.schema.properties?.[name] !== undefined);
  const requiredIn = present.filter((e) => e.schema.required?.includes(name) === true);
  const rules: CelValidation[] = [];
  if (present.length < entries.length) {
    const allowed = present.map((e) => e.value);
    rules.push({
      rule: `${not(hasAll(segments))} || ${isOneOf(disc.key, allowed)}`,
      message: `${where} is only allowed when ${disc.key} is ${orList(allowed)}`,
      fieldPath: `.${where}`,
      reason: 'FieldValueForbidden',
    });
  }
  const requiredEverywhere = requiredIn.length === entries.length;
  if (requiredIn.length > 0 && !requiredEverywhere) {
    const values = requiredIn.map((e) => e.value);
    const parent = prefix.length === 0 ? '' : `${not(hasAll(prefix))} || `;
    rules.push({
      rule: `${not(isOneOf(disc.key, values))} || ${parent}has(self.${segments.map(celField).join('.')})`,
      message: `${where} is required when ${disc.key} is ${orList(values)}`,
      fieldPath: `.${where}`,
      reason: 'FieldValueRequired',
    });
  }
  return { rules, requiredEverywhere };
}

function mergeObjects(
  entries: readonly Entry[],
  prefix: readonly string[],
  disc: Discriminator,
): Merged {
  const names = [...new Set(entries.flatMap((e) => Object.keys(e.schema.properties ?? {})))];
  const properties: Record<string, StructuralSchema> = {};
  const required: string[] = [];
  const rules: CelValidation[] = [];
  for (const name of names) {
    if (prefix.length === 0 && name === disc.key) continue;
    const present = entries.filter((e) => e.schema.properties?.[name] !== undefined);
    const merged = mergeProperty(name, present, entries.length, prefix, disc);
    properties[name] = merged.schema;
    const presence = presenceRules(name, entries, prefix, disc);
    if (presence.requiredEverywhere) required.push(name);
    rules.push(...presence.rules, ...merged.rules);
  }
  const schema: StructuralSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return { schema, rules };
}

function guard(rule: CelValidation, key: string, value: string): CelValidation {
  return { ...rule, rule: `self.${key} != ${celString(value)} || (${rule.rule})` };
}

export function mergeDiscriminated(
  branches: readonly StructuralSchema[],
  path: string,
): StructuralSchema {
  const key = discriminatorOf(branches, path);
  const entries: Entry[] = branches.map((schema) => ({
    value: String(schema.properties?.[key]?.enum?.[0]),
    schema,
  }));
  const merged = mergeObjects(entries, [], { key });
  const values = entries.map((e) => e.value);
  const discriminator: StructuralSchema = {
    description:
      branches[0]?.properties?.[key]?.description ??
      `One of ${orList(values)}; which other fields apply depends on it.`,
    type: 'string',
    enum: values,
  };
  const ownRules = entries.flatMap((e) =>
    (e.schema['x-kubernetes-validations'] ?? []).map((r) => guard(r, key, e.value)),
  );
  const rules = [...ownRules, ...merged.rules];
  return {
    type: 'object',
    properties: { [key]: discriminator, ...merged.schema.properties },
    required: [key, ...(merged.schema.required ?? [])],
    ...(rules.length === 0 ? {} : { 'x-kubernetes-validations': rules }),
  };
}
