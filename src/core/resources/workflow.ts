import { z } from 'zod';
import { approvalPolicySchema } from './approval-policy.ts';
import { runtimeSchema } from './budgets.ts';
import { boundedMap, keyedList } from './collections.ts';
import { conditionsSchema, observedGenerationSchema } from './conditions.ts';
import { celExpression, template } from './expressions.ts';
import { localRef } from './names.ts';
import { remediationPolicySchema } from './remediation-policy.ts';
import { resourceSchema } from './resource.ts';
import { withRules } from './validation-rule.ts';
import { conditionalTargetRules } from './workflow-flow.ts';
import { workflowStepSchema } from './workflow-steps.ts';

/** A Workflow: runtime, ordered steps, templated outputs and the Sinks they go to. */
const identifier = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

const workflowInputSchema = z.strictObject({
  name: z
    .string()
    .regex(identifier, 'must be an identifier (letters, digits, _)')
    .describe('Input name.'),
  description: z.string().max(1024).optional().describe('Shown by /punchingfist workflows.'),
  required: z.boolean().default(false).describe('Whether a run must supply it.'),
  default: z.string().max(4096).optional().describe('Value when a run does not supply it.'),
});

const sinkBindingSchema = z.strictObject({
  sinkRef: localRef('Sink'),
  condition: celExpression
    .optional()
    .describe(
      'CEL over the finished run; the Sink gets the outputs only when true. Default: always.',
    ),
});

export const workflowSpecSchema = withRules(
  z.strictObject({
    description: z.string().max(1024).optional().describe('What the Workflow is for, for people.'),
    runtime: runtimeSchema.prefault({}),
    inputs: keyedList(workflowInputSchema, 'name', 32)
      .optional()
      .describe('Inputs a run may be given (e.g. /punchingfist run <workflow> key=value).'),
    steps: keyedList(workflowStepSchema, 'name', 50)
      .min(1)
      .describe('Steps, run in order; names are unique.'),
    outputs: boundedMap(
      identifier,
      'must be an identifier (letters, digits, _)',
      template(16384),
      32,
    )
      .optional()
      .describe('Named outputs of a run, each a mustache template over the run context.'),
    sinks: z.array(sinkBindingSchema).max(16).optional().describe('Where the outputs go.'),
    approvalPolicy: approvalPolicySchema
      .prefault({})
      .describe('Default approval of remediate steps without their own.'),
    remediationPolicy: remediationPolicySchema.optional(),
    ttlSecondsAfterFinished: z
      .int()
      .min(0)
      .max(31_536_000)
      .default(604_800)
      .describe('Seconds a finished WorkflowRun is kept before deletion (default 7 days).'),
    concurrency: z
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Most runs of this Workflow at once; more wait in the queue.'),
  }),
  conditionalTargetRules(),
).describe('Steps to run for each trigger, what a run may spend, and where results go.');

export const workflowStatusSchema = z
  .strictObject({
    conditions: conditionsSchema.optional(),
    observedGeneration: observedGenerationSchema,
    stepCount: z.int().min(0).optional().describe('Number of steps (shown by kubectl get).'),
    lastRunName: z.string().max(253).optional().describe('Name of the last WorkflowRun.'),
    lastRunTime: z.iso.datetime({ offset: true }).optional().describe('When the last run started.'),
  })
  .describe('Observed state of the Workflow, written by the controller.');

export const workflowSchema = resourceSchema(
  'Workflow',
  'dns-label',
  workflowSpecSchema,
  workflowStatusSchema,
);

export type WorkflowSpec = z.infer<typeof workflowSpecSchema>;
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
