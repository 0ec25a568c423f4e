import { z } from 'zod';
import { conditionSchema, objectMetaSchema, resourceListSchema, stringMapSchema } from './meta.ts';

const keyRefSchema = z.looseObject({
  name: z.string().optional(),
  key: z.string(),
  optional: z.boolean().optional(),
});

const nameRefSchema = z.looseObject({
  name: z.string().optional(),
  optional: z.boolean().optional(),
});

export const envVarSchema = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z
    .looseObject({
      configMapKeyRef: keyRefSchema.optional(),
      secretKeyRef: keyRefSchema.optional(),
    })
    .optional(),
});

export const envFromSchema = z.looseObject({
  configMapRef: nameRefSchema.optional(),
  secretRef: nameRefSchema.optional(),
  prefix: z.string().optional(),
});

const probeSchema = z.looseObject({});

export const containerSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z.array(envVarSchema).optional(),
  envFrom: z.array(envFromSchema).optional(),
  resources: z
    .looseObject({
      limits: resourceListSchema.optional(),
      requests: resourceListSchema.optional(),
    })
    .optional(),
  readinessProbe: probeSchema.optional(),
  livenessProbe: probeSchema.optional(),
  startupProbe: probeSchema.optional(),
});

export const volumeSchema = z.looseObject({
  name: z.string(),
  configMap: z
    .looseObject({ name: z.string().optional(), optional: z.boolean().optional() })
    .optional(),
  secret: z
    .looseObject({ secretName: z.string().optional(), optional: z.boolean().optional() })
    .optional(),
  persistentVolumeClaim: z.looseObject({ claimName: z.string() }).optional(),
});

export const tolerationSchema = z.looseObject({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
});

export const podSpecSchema = z.looseObject({
  containers: z.array(containerSchema),
  initContainers: z.array(containerSchema).optional(),
  volumes: z.array(volumeSchema).optional(),
  nodeName: z.string().optional(),
  nodeSelector: stringMapSchema.optional(),
  tolerations: z.array(tolerationSchema).optional(),
  affinity: z.looseObject({}).optional(),
  restartPolicy: z.string().optional(),
});

const containerStateSchema = z.looseObject({
  waiting: z
    .looseObject({ reason: z.string().optional(), message: z.string().optional() })
    .optional(),
  running: z.looseObject({ startedAt: z.string().optional() }).optional(),
  terminated: z
    .looseObject({
      exitCode: z.number(),
      reason: z.string().optional(),
      message: z.string().optional(),
      startedAt: z.string().optional(),
      finishedAt: z.string().optional(),
    })
    .optional(),
});

export const containerStatusSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  ready: z.boolean().optional(),
  started: z.boolean().optional(),
  restartCount: z.number().optional(),
  state: containerStateSchema.optional(),
  lastState: containerStateSchema.optional(),
});

export const podSchema = z.looseObject({
  metadata: objectMetaSchema,
  spec: podSpecSchema.optional(),
  status: z
    .looseObject({
      phase: z.string().optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
      conditions: z.array(conditionSchema).optional(),
      containerStatuses: z.array(containerStatusSchema).optional(),
      initContainerStatuses: z.array(containerStatusSchema).optional(),
      startTime: z.string().optional(),
    })
    .optional(),
});

export const podTemplateSchema = z.looseObject({
  metadata: z
    .looseObject({
      labels: stringMapSchema.optional(),
      annotations: stringMapSchema.optional(),
    })
    .optional(),
  spec: podSpecSchema.optional(),
});

export type Pod = z.infer<typeof podSchema>;
export type PodSpec = z.infer<typeof podSpecSchema>;
export type PodTemplate = z.infer<typeof podTemplateSchema>;
export type Container = z.infer<typeof containerSchema>;
export type ContainerStatus = z.infer<typeof containerStatusSchema>;
export type EnvVar = z.infer<typeof envVarSchema>;
export type ContainerTerminated = NonNullable<NonNullable<ContainerStatus['state']>['terminated']>;
