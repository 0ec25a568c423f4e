import { z } from 'zod';

/**
 * The plain Kubernetes object model of the pure core: only the fields the
 * analyzers read, parsed by zod at the ClusterPort boundary. Objects are
 * loose (unknown fields are kept) so a later reader, e.g. the agent's
 * `get` tool, still sees the whole object.
 */
export const stringMapSchema = z.record(z.string(), z.string());

export const ownerReferenceSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  uid: z.string().optional(),
  controller: z.boolean().optional(),
});

export const objectMetaSchema = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: stringMapSchema.optional(),
  annotations: stringMapSchema.optional(),
  ownerReferences: z.array(ownerReferenceSchema).optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  generation: z.number().optional(),
});

export const conditionSchema = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

export const labelSelectorSchema = z.looseObject({
  matchLabels: stringMapSchema.optional(),
  matchExpressions: z
    .array(
      z.looseObject({
        key: z.string(),
        operator: z.string(),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

/** Quantities as the API server writes them: "128Mi", "500m", "2". */
export const resourceListSchema = z.record(z.string(), z.string());

/** Integer or percentage, as in maxUnavailable or a Service's targetPort. */
export const intOrStringSchema = z.union([z.number(), z.string()]);

export type ObjectMeta = z.infer<typeof objectMetaSchema>;
export type OwnerReference = z.infer<typeof ownerReferenceSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

/** Anything with metadata: the least the core needs to name an object. */
export interface HasMeta {
  readonly metadata: ObjectMeta;
}

export function condition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}
