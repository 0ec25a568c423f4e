import { z } from 'zod';
import {
  conditionSchema,
  intOrStringSchema,
  labelSelectorSchema,
  objectMetaSchema,
} from './meta.ts';
import { podTemplateSchema } from './pod.ts';

/** The spec fields every replicated workload shares. */
const replicatedSpec = {
  replicas: z.number().optional(),
  selector: labelSelectorSchema.optional(),
  template: podTemplateSchema.optional(),
};

export const replicaSetSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z.looseObject(replicatedSpec).optional(),
  status: z
    .looseObject({
      replicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      availableReplicas: z.number().optional(),
    })
    .optional(),
});

export const deploymentSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      ...replicatedSpec,
      paused: z.boolean().optional(),
      progressDeadlineSeconds: z.number().optional(),
      strategy: z
        .looseObject({
          type: z.string().optional(),
          rollingUpdate: z
            .looseObject({
              maxUnavailable: intOrStringSchema.optional(),
              maxSurge: intOrStringSchema.optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  status: z
    .looseObject({
      observedGeneration: z.number().optional(),
      replicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      availableReplicas: z.number().optional(),
      unavailableReplicas: z.number().optional(),
      conditions: z.array(conditionSchema).optional(),
    })
    .optional(),
});

export const statefulSetSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z.looseObject(replicatedSpec).optional(),
  status: z
    .looseObject({
      replicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      currentRevision: z.string().optional(),
      updateRevision: z.string().optional(),
    })
    .optional(),
});

export const daemonSetSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      selector: labelSelectorSchema.optional(),
      template: podTemplateSchema.optional(),
    })
    .optional(),
  status: z
    .looseObject({
      desiredNumberScheduled: z.number().optional(),
      numberReady: z.number().optional(),
      numberUnavailable: z.number().optional(),
      updatedNumberScheduled: z.number().optional(),
    })
    .optional(),
});

export const jobSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      backoffLimit: z.number().optional(),
      completions: z.number().optional(),
      parallelism: z.number().optional(),
      activeDeadlineSeconds: z.number().optional(),
      selector: labelSelectorSchema.optional(),
      template: podTemplateSchema.optional(),
    })
    .optional(),
  status: z
    .looseObject({
      active: z.number().optional(),
      succeeded: z.number().optional(),
      failed: z.number().optional(),
      conditions: z.array(conditionSchema).optional(),
      startTime: z.string().optional(),
      completionTime: z.string().optional(),
    })
    .optional(),
});

export const cronJobSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: z
    .looseObject({ schedule: z.string().optional(), suspend: z.boolean().optional() })
    .optional(),
});

export type ReplicaSet = z.infer<typeof replicaSetSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;
export type StatefulSet = z.infer<typeof statefulSetSchema>;
export type DaemonSet = z.infer<typeof daemonSetSchema>;
export type Job = z.infer<typeof jobSchema>;
export type CronJob = z.infer<typeof cronJobSchema>;
