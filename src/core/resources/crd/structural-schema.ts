import type { CelValidation } from '../validation-rule.ts';

/**
 * The subset of OpenAPI v3 (apiextensions.k8s.io/v1 JSONSchemaProps) a
 * structural CRD schema uses: every node has a type (or preserves unknown
 * fields), no $ref, no anyOf/oneOf, no additionalProperties beside
 * properties.
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface StructuralSchema {
  description?: string;
  type?: SchemaType;
  format?: string;
  enum?: JsonValue[];
  default?: JsonValue;
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  items?: StructuralSchema;
  additionalProperties?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: CelValidation[];
}

/** Key order of the generated YAML: what a reader looks for first, first. */
export const schemaKeyOrder: readonly (keyof StructuralSchema)[] = [
  'description',
  'type',
  'format',
  'enum',
  'default',
  'nullable',
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
  'properties',
  'required',
  'items',
  'additionalProperties',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-validations',
];

/** Deep copy with keys in `schemaKeyOrder`, so the YAML is stable and readable. */
export function orderKeys(schema: StructuralSchema): StructuralSchema {
  const out: Record<string, unknown> = {};
  for (const key of schemaKeyOrder) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'properties' && schema.properties !== undefined) {
      out[key] = Object.fromEntries(
        Object.entries(schema.properties).map(([name, child]) => [name, orderKeys(child)]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') {
      out[key] = orderKeys(value as StructuralSchema);
    } else {
      out[key] = value;
    }
  }
  return out as StructuralSchema;
}
