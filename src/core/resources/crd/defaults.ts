import type { JsonValue, StructuralSchema } from './structural-schema.ts';

/**
 * An object default with the defaults of its fields filled in, as the API
 * server would apply them. The API server validates a default (CEL rules
 * included) as written, so `default: {}` must already carry them.
 */
function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function withNestedDefaults(value: JsonValue, schema: StructuralSchema): JsonValue {
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items;
    return value.map((item) => withNestedDefaults(item, items));
  }
  if (!isRecord(value) || schema.properties === undefined) return value;
  const out: { [key: string]: JsonValue } = { ...value };
  for (const [name, child] of Object.entries(schema.properties)) {
    const present = out[name];
    if (present !== undefined) out[name] = withNestedDefaults(present, child);
    else if (child.default !== undefined) out[name] = withNestedDefaults(child.default, child);
  }
  return out;
}
