import { z } from 'zod';

/**
 * The remediation catalogue (SPEC §5) as the report proposes it: an action
 * name, the object it acts on, and params validated per action. A proposal
 * is only a suggestion; the approval gate decides what runs.
 */
const quantity = z.string().regex(/^\d+(\.\d+)?([a-zA-Z]{0,2})$/, 'must be a quantity like 512Mi');
const resourceValues = z
  .strictObject({ cpu: quantity.optional(), memory: quantity.optional() })
  .refine((v) => v.cpu !== undefined || v.memory !== undefined, 'needs cpu or memory');
const empty = z.strictObject({});

export const actionParamSchemas = {
  restart_pod: empty,
  rollout_restart: empty,
  scale: z.strictObject({ replicas: z.number().int().min(0) }),
  rollback: z.strictObject({
    toRevision: z.number().int().min(1).optional(),
    fromRevision: z.number().int().min(1).optional(),
  }),
  cordon_node: empty,
  uncordon_node: empty,
  drain_node: z.strictObject({
    ignoreDaemonSets: z.boolean().default(true),
    gracePeriodSeconds: z.number().int().min(0).optional(),
  }),
  update_hpa: z
    .strictObject({
      minReplicas: z.number().int().min(1).optional(),
      maxReplicas: z.number().int().min(1).optional(),
    })
    .refine((v) => v.minReplicas !== undefined || v.maxReplicas !== undefined, {
      message: 'needs minReplicas or maxReplicas',
    }),
  set_resources: z.strictObject({
    container: z.string().min(1),
    limits: resourceValues.optional(),
    requests: resourceValues.optional(),
  }),
  delete_job: empty,
  rerun_job: empty,
} as const;

export type ActionName = keyof typeof actionParamSchemas;
export const actionNames = Object.keys(actionParamSchemas) as [ActionName, ...ActionName[]];

const base = {
  target: z.string().min(3).max(320),
  rationale: z.string().min(1).max(2000),
};

export const proposalSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('restart_pod'), params: actionParamSchemas.restart_pod, ...base }),
  z.object({
    action: z.literal('rollout_restart'),
    params: actionParamSchemas.rollout_restart,
    ...base,
  }),
  z.object({ action: z.literal('scale'), params: actionParamSchemas.scale, ...base }),
  z.object({ action: z.literal('rollback'), params: actionParamSchemas.rollback, ...base }),
  z.object({ action: z.literal('cordon_node'), params: actionParamSchemas.cordon_node, ...base }),
  z.object({
    action: z.literal('uncordon_node'),
    params: actionParamSchemas.uncordon_node,
    ...base,
  }),
  z.object({ action: z.literal('drain_node'), params: actionParamSchemas.drain_node, ...base }),
  z.object({ action: z.literal('update_hpa'), params: actionParamSchemas.update_hpa, ...base }),
  z.object({
    action: z.literal('set_resources'),
    params: actionParamSchemas.set_resources,
    ...base,
  }),
  z.object({ action: z.literal('delete_job'), params: actionParamSchemas.delete_job, ...base }),
  z.object({ action: z.literal('rerun_job'), params: actionParamSchemas.rerun_job, ...base }),
]);

export type Proposal = z.infer<typeof proposalSchema>;
