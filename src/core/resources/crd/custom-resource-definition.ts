import type { z } from 'zod';
import { apiGroup, apiGroupVersion } from '../api-group.ts';
import type { NameFormat } from '../metadata.ts';
import { dnsLabelPattern } from '../names.ts';
import { re2Source } from '../validation-rule.ts';
import { toStructuralSchema } from './from-json-schema.ts';
import { orderKeys, type StructuralSchema } from './structural-schema.ts';

/** A CustomResourceDefinition (apiextensions.k8s.io/v1) built from a kind's zod schemas. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  /** 0: always shown; 1: only with `-o wide`. */
  readonly priority?: number;
}

export interface KindDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly description: string;
  readonly nameFormat: NameFormat;
  readonly spec: z.ZodType;
  readonly status: z.ZodType;
  readonly columns: readonly PrinterColumn[];
}

export interface CustomResourceDefinition {
  readonly apiVersion: 'apiextensions.k8s.io/v1';
  readonly kind: 'CustomResourceDefinition';
  readonly metadata: {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly group: string;
    readonly names: {
      readonly kind: string;
      readonly listKind: string;
      readonly plural: string;
      readonly singular: string;
      readonly shortNames: readonly string[];
      readonly categories: readonly string[];
    };
    readonly scope: 'Namespaced';
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly storage: boolean;
      readonly subresources: { readonly status: Record<string, never> };
      readonly additionalPrinterColumns: readonly PrinterColumn[];
      readonly schema: { readonly openAPIV3Schema: StructuralSchema };
    }[];
  };
}

export const partOfLabel = { 'app.kubernetes.io/part-of': 'punchingfist' } as const;

export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};
export const readyColumn: PrinterColumn = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  description: 'Whether the controller accepted the object.',
};

/** Sources, Workflows and Sinks are DNS labels: their names go into label values and paths. */
function metadataSchema(format: NameFormat): StructuralSchema {
  if (format !== 'dns-label') return { type: 'object' };
  return {
    type: 'object',
    properties: {
      name: {
        description: 'A DNS label: it goes into label values, webhook paths and Job names.',
        type: 'string',
        pattern: re2Source(dnsLabelPattern),
        maxLength: 63,
      },
    },
  };
}

function rootSchema(def: KindDefinition): StructuralSchema {
  return orderKeys({
    description: def.description,
    type: 'object',
    properties: {
      apiVersion: {
        description: 'APIVersion of this object: punchingfist.io/v1alpha1.',
        type: 'string',
      },
      kind: { description: `Kind of this object: ${def.kind}.`, type: 'string' },
      metadata: metadataSchema(def.nameFormat),
      spec: toStructuralSchema(def.spec),
      status: toStructuralSchema(def.status),
    },
    required: ['spec'],
  });
}

export function customResourceDefinition(def: KindDefinition): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${apiGroup}`, labels: { ...partOfLabel } },
    spec: {
      group: apiGroup,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.singular,
        shortNames: def.shortNames,
        categories: ['punchingfist'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: apiGroupVersion,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: def.columns,
          schema: { openAPIV3Schema: rootSchema(def) },
        },
      ],
    },
  };
}
