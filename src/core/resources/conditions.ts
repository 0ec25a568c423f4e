import { z } from 'zod';
import { keyedList } from './collections.ts';

/** metav1.Condition, as every Kubernetes API writes its status conditions. */
export const conditionSchema = z.strictObject({
  type: z
    .string()
    .min(1)
    .max(316)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
    )
    .describe('Type of the condition in CamelCase, e.g. Ready.'),
  status: z.enum(['True', 'False', 'Unknown']).describe('True, False or Unknown.'),
  observedGeneration: z
    .int()
    .min(0)
    .optional()
    .describe('The metadata.generation the condition was set for.'),
  lastTransitionTime: z.iso
    .datetime({ offset: true })
    .describe('When the status last changed from one value to another.'),
  reason: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/)
    .describe('Why the condition is as it is, in CamelCase, for machines.'),
  message: z.string().max(32768).describe('Why the condition is as it is, for people.'),
});

export const conditionsSchema = keyedList(conditionSchema, 'type', 16).describe(
  'Latest observations of the object: Ready, and kind-specific conditions.',
);

export type ResourceCondition = z.infer<typeof conditionSchema>;

export const observedGenerationSchema = z
  .int()
  .min(0)
  .optional()
  .describe('The metadata.generation the controller last acted on.');

export const counterSchema = (what: string) =>
  z.int().min(0).optional().describe(`Number of ${what} since the controller started counting.`);
