import { z } from 'zod';
import {
  conditionSchema,
  intOrStringSchema,
  labelSelectorSchema,
  objectMetaSchema,
  resourceListSchema,
  stringMapSchema,
} from './meta.ts';
import { tolerationSchema } from './pod.ts';

export const nodeSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      unschedulable: z.boolean().optional(),
      taints: z.array(tolerationSchema).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      conditions: z.array(conditionSchema).optional(),
      allocatable: resourceListSchema.optional(),
      capacity: resourceListSchema.optional(),
    })
    .optional(),
});

/** core/v1 Event (both the old count/lastTimestamp and the new series/eventTime fields). */
export const eventSchema = z.looseObject({
  metadata: objectMetaSchema,
  involvedObject: z.looseObject({
    kind: z.string().optional(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    fieldPath: z.string().optional(),
  }),
  reason: z.string().optional(),
  message: z.string().optional(),
  type: z.string().optional(),
  count: z.number().optional(),
  firstTimestamp: z.string().optional(),
  lastTimestamp: z.string().optional(),
  eventTime: z.string().optional(),
  series: z
    .looseObject({ count: z.number().optional(), lastObservedTime: z.string().optional() })
    .optional(),
  reportingComponent: z.string().optional(),
});

export const serviceSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      type: z.string().optional(),
      selector: stringMapSchema.optional(),
      clusterIP: z.string().optional(),
      ports: z
        .array(
          z.looseObject({
            name: z.string().optional(),
            port: z.number(),
            targetPort: intOrStringSchema.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export const endpointSliceSchema = z.looseObject({
  metadata: objectMetaSchema,
  endpoints: z
    .array(
      z.looseObject({
        addresses: z.array(z.string()).optional(),
        conditions: z
          .looseObject({
            ready: z.boolean().optional(),
            serving: z.boolean().optional(),
            terminating: z.boolean().optional(),
          })
          .optional(),
        targetRef: z
          .looseObject({ kind: z.string().optional(), name: z.string().optional() })
          .optional(),
        nodeName: z.string().optional(),
      }),
    )
    .optional(),
});

const metricValueSchema = z.looseObject({
  averageUtilization: z.number().optional(),
  averageValue: z.string().optional(),
});

const metricSpecSchema = z.looseObject({
  type: z.string().optional(),
  resource: z.looseObject({ name: z.string(), target: metricValueSchema.optional() }).optional(),
});

const metricStatusSchema = z.looseObject({
  type: z.string().optional(),
  resource: z.looseObject({ name: z.string(), current: metricValueSchema.optional() }).optional(),
});

export const hpaSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z.looseObject({
    scaleTargetRef: z.looseObject({
      apiVersion: z.string().optional(),
      kind: z.string(),
      name: z.string(),
    }),
    minReplicas: z.number().optional(),
    maxReplicas: z.number(),
    metrics: z.array(metricSpecSchema).optional(),
  }),
  status: z
    .looseObject({
      currentReplicas: z.number().optional(),
      desiredReplicas: z.number().optional(),
      currentMetrics: z.array(metricStatusSchema).optional(),
      conditions: z.array(conditionSchema).optional(),
      lastScaleTime: z.string().optional(),
    })
    .optional(),
});

export const pvcSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      storageClassName: z.string().optional(),
      volumeName: z.string().optional(),
      accessModes: z.array(z.string()).optional(),
      resources: z.looseObject({ requests: resourceListSchema.optional() }).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      phase: z.string().optional(),
      conditions: z.array(conditionSchema).optional(),
    })
    .optional(),
});

export const storageClassSchema = z.looseObject({
  metadata: objectMetaSchema,
  provisioner: z.string().optional(),
});

export const pdbSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      minAvailable: intOrStringSchema.optional(),
      maxUnavailable: intOrStringSchema.optional(),
      selector: labelSelectorSchema.optional(),
    })
    .optional(),
  status: z
    .looseObject({
      disruptionsAllowed: z.number().optional(),
      currentHealthy: z.number().optional(),
      desiredHealthy: z.number().optional(),
      expectedPods: z.number().optional(),
    })
    .optional(),
});

export const namespaceSchema = z.looseObject({
  metadata: objectMetaSchema,
  status: z.looseObject({ phase: z.string().optional() }).optional(),
});

/**
 * A ConfigMap or Secret as the core may see it: its name and the names of
 * its keys, never a value. A plain (stripping) object: whatever else an
 * adapter hands over is dropped here.
 */
export const keysOnlySchema = z.object({
  kind: z.enum(['ConfigMap', 'Secret']),
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    labels: stringMapSchema.optional(),
    creationTimestamp: z.string().optional(),
  }),
  type: z.string().optional(),
  keys: z.array(z.string()),
});

export type Node = z.infer<typeof nodeSchema>;
export type KubeEvent = z.infer<typeof eventSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type EndpointSlice = z.infer<typeof endpointSliceSchema>;
export type Hpa = z.infer<typeof hpaSchema>;
export type Pvc = z.infer<typeof pvcSchema>;
export type StorageClass = z.infer<typeof storageClassSchema>;
export type Pdb = z.infer<typeof pdbSchema>;
export type Namespace = z.infer<typeof namespaceSchema>;
export type KeysOnly = z.infer<typeof keysOnlySchema>;
