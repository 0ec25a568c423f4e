import { z } from 'zod';
import type { PlainObject } from './remediation-api.ts';

/** The fields of a Deployment/StatefulSet/DaemonSet the workload actions read. */
const resourceMap = z.record(z.string(), z.string());
const containerSchema = z.looseObject({
  name: z.string(),
  resources: z
    .looseObject({ limits: resourceMap.optional(), requests: resourceMap.optional() })
    .optional(),
});

export const workloadObjectSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    uid: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({
    replicas: z.number().int().optional(),
    paused: z.boolean().optional(),
    template: z.looseObject({
      metadata: z.looseObject({}).optional(),
      spec: z.looseObject({ containers: z.array(containerSchema) }),
    }),
  }),
});
export type WorkloadObject = z.infer<typeof workloadObjectSchema>;
export type Container = z.infer<typeof containerSchema>;

export function parseWorkload(object: PlainObject, what: string): WorkloadObject {
  const parsed = workloadObjectSchema.safeParse(object);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `${what}: unexpected object at ${issue?.path.join('.') ?? ''}: ${issue?.message}`,
  );
}

export const revisionAnnotation = 'deployment.kubernetes.io/revision';

/** A Deployment's current revision (what `kubectl rollout history` numbers), if known. */
export function currentRevision(object: WorkloadObject): number | undefined {
  const text = object.metadata.annotations?.[revisionAnnotation];
  const value = text === undefined ? Number.NaN : Number.parseInt(text, 10);
  return Number.isInteger(value) ? value : undefined;
}

/** kubectl refuses to restart or roll back a paused Deployment: its rollout would not start. */
export function pausedRefusal(object: WorkloadObject, target: string): string | undefined {
  return object.spec.paused === true
    ? `${target} is paused; resume its rollout first (kubectl rollout resume)`
    : undefined;
}
