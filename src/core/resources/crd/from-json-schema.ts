import { z } from 'zod';
import { type CelValidation, re2Source } from '../validation-rule.ts';
import { withNestedDefaults } from './defaults.ts';
import { mergeDiscriminated } from './merge-branches.ts';
import type { JsonValue, SchemaType, StructuralSchema } from './structural-schema.ts';

/**
 * zod → JSON Schema (zod's own `z.toJSONSchema`, OpenAPI 3.0 flavour) →
 * a structural schema the API server accepts. Anything it cannot express
 * faithfully throws, naming the path, rather than silently loosening.
 */
type JsonObject = Readonly<Record<string, unknown>>;

const copiedKeys = [
  'description',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'nullable',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-validations',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
] as const;

const handledKeys = new Set<string>([
  ...copiedKeys,
  'type',
  'enum',
  'const',
  'default',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'anyOf',
  'oneOf',
  // annotations with no place in a CRD
  '$schema',
  'id',
  'title',
  'examples',
]);

/** zod puts these on every z.int(); they say nothing the type does not. */
const safeIntegerBound = Number.MAX_SAFE_INTEGER;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childObjects(value: unknown, path: string): JsonObject[] {
  if (!Array.isArray(value) || !value.every(isObject))
    throw new Error(`${path}: expected a list of schemas`);
  return value;
}

export function toStructuralSchema(schema: z.ZodType): StructuralSchema {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    reused: 'inline',
    cycles: 'throw',
    unrepresentable: 'throw',
  });
  return convert(json as JsonObject, '');
}

export function convert(node: JsonObject, path: string): StructuralSchema {
  const unknown = Object.keys(node).find((key) => !handledKeys.has(key));
  if (unknown !== undefined) {
    throw new Error(`${path || '.'}: "${unknown}" has no equivalent in a CRD schema`);
  }
  const branches = node.anyOf ?? node.oneOf;
  if (branches !== undefined) {
    return withAnnotations(convertUnion(childObjects(branches, path), path), node);
  }
  const out = annotations(node, path);
  const type = node.type;
  if (type === undefined) return { ...out, 'x-kubernetes-preserve-unknown-fields': true };
  if (typeof type !== 'string') throw new Error(`${path}: a node must have exactly one type`);
  out.type = type as SchemaType;
  if (type === 'object') return convertObject(node, out, path);
  if (type === 'array') {
    if (!isObject(node.items)) throw new Error(`${path}: an array needs one items schema`);
    out.items = convert(node.items, `${path}[]`);
  }
  if (type === 'integer') dropSafeIntegerBounds(out);
  // A date-time is checked by its format; zod's own pattern for it is redundant.
  if (out.format === 'date-time') delete out.pattern;
  return out;
}

/** Everything but the type and the children: bounds, enum, default, x-kubernetes-*. */
function annotations(node: JsonObject, path: string): StructuralSchema {
  const out: StructuralSchema = {};
  for (const key of copiedKeys) {
    if (node[key] !== undefined) Object.assign(out, { [key]: node[key] });
  }
  if (node.default !== undefined) out.default = node.default as JsonValue;
  if (node.const !== undefined) out.enum = [node.const as JsonValue];
  if (Array.isArray(node.enum)) out.enum = node.enum as JsonValue[];
  if (out.pattern !== undefined) out.pattern = asRe2(out.pattern, path);
  return out;
}

function convertObject(node: JsonObject, out: StructuralSchema, path: string): StructuralSchema {
  const properties = node.properties;
  if (isObject(properties)) {
    out.properties = {};
    for (const [name, child] of Object.entries(properties)) {
      if (!isObject(child)) throw new Error(`${path}.${name}: expected a schema`);
      out.properties[name] = convert(child, `${path}.${name}`);
    }
    if (Array.isArray(node.required) && node.required.length > 0) {
      out.required = node.required.map(String);
    }
  }
  // The API server checks a default as written, before nested defaults apply.
  if (out.default !== undefined) out.default = withNestedDefaults(out.default, out);
  const extra = node.additionalProperties;
  // Unknown fields are pruned (and refused with fieldValidation=Strict): that is `.strict()`.
  if (extra === false || extra === undefined) return out;
  if (!isObject(extra)) throw new Error(`${path}: additionalProperties must be a schema`);
  if (out.properties !== undefined) {
    throw new Error(`${path}: properties and additionalProperties cannot both be given`);
  }
  if (Object.keys(extra).length === 0)
    return { ...out, 'x-kubernetes-preserve-unknown-fields': true };
  out.additionalProperties = convert(extra, `${path}.*`);
  return out;
}

function convertUnion(branches: readonly JsonObject[], path: string): StructuralSchema {
  const nonNull = branches.filter((b) => b.type !== 'null');
  const converted = nonNull.map((b) => convert(b, path));
  const nullable = nonNull.length < branches.length ? { nullable: true } : {};
  const [only] = converted;
  if (converted.length === 1 && only !== undefined) return { ...only, ...nullable };
  if (
    converted.every((c) => c.type === 'string' && c.enum !== undefined && c.pattern === undefined)
  ) {
    return { type: 'string', enum: converted.flatMap((c) => c.enum ?? []), ...nullable };
  }
  if (converted.every((c) => c.type === 'object'))
    return { ...mergeDiscriminated(converted, path), ...nullable };
  throw new Error(
    `${path}: only unions of objects with a discriminator, or of string literals, can be expressed`,
  );
}

/** The union node's own description, default and rules wrap the merged branches. */
function withAnnotations(merged: StructuralSchema, node: JsonObject): StructuralSchema {
  const out: StructuralSchema = { ...merged };
  if (typeof node.description === 'string') out.description = node.description;
  if (node.default !== undefined) out.default = node.default as JsonValue;
  const rules = node['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    out['x-kubernetes-validations'] = [
      ...(rules as CelValidation[]),
      ...(merged['x-kubernetes-validations'] ?? []),
    ];
  }
  return out;
}

function dropSafeIntegerBounds(out: StructuralSchema): void {
  if (out.minimum === -safeIntegerBound) delete out.minimum;
  if (out.maximum === safeIntegerBound) delete out.maximum;
}

/** The API server compiles patterns with Go's RE2: no lookaround, no backreferences. */
function asRe2(pattern: string, path: string): string {
  if (/\(\?[=!<]|\\[1-9]|\\k</.test(pattern)) {
    throw new Error(
      `${path}: pattern ${pattern} uses lookaround or backreferences, which RE2 lacks`,
    );
  }
  return re2Source(new RegExp(pattern));
}
