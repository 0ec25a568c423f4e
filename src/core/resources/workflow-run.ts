import { z } from 'zod';
import { freeForm, keyedList } from './collections.ts';
import { conditionsSchema, observedGenerationSchema } from './conditions.ts';
import { dnsLabel, localRef } from './names.ts';
import { remediationActions } from './remediation-actions.ts';
import { resourceSchema } from './resource.ts';
import { priorities } from './source-ingest.ts';
import { withRules, withServerRules } from './validation-rule.ts';
import { stepTypes } from './workflow-steps.ts';

/** The record of one run: what triggered it, and (status) what happened. */
export const triggerTypes = [
  'alertmanager',
  'slack',
  'schedule',
  'api',
  'kubernetes',
  'manual',
] as const;
export const runPhases = [
  'Pending',
  'Running',
  'AwaitingApproval',
  'Succeeded',
  'Failed',
  'Cancelled',
] as const;
export const stepPhases = [...runPhases, 'Skipped'] as const;
export type RunPhase = (typeof runPhases)[number];

const dateTime = z.iso.datetime({ offset: true });

const triggerSchema = z
  .strictObject({
    type: z.enum(triggerTypes).describe('What started the run; manual for CLI and slash commands.'),
    source: dnsLabel.optional().describe('Name of the Source, when a Source started the run.'),
    fingerprint: z.string().max(128).optional().describe('Fingerprint of the event (dedup key).'),
    alertNames: z
      .array(z.string().max(253))
      .max(64)
      .optional()
      .describe('Alert names in the event.'),
    summary: z.string().max(1024).optional().describe('One-line summary of the event.'),
    requestedBy: z
      .string()
      .max(253)
      .optional()
      .describe('Who asked for a manual run (Slack user id or CLI user).'),
    environment: z
      .string()
      .max(63)
      .optional()
      .describe("Environment of the event (its namespace's environment label), e.g. production."),
    priority: z
      .enum(priorities)
      .optional()
      .describe('Priority of the event from severity × environment, P1 (highest) to P5.'),
    receivedAt: dateTime.describe('When the event arrived.'),
  })
  .describe('What triggered the run.');

export const workflowRunSpecSchema = withServerRules(
  z.strictObject({
    workflowRef: localRef('Workflow'),
    trigger: triggerSchema,
    inputs: freeForm('Inputs of the run, available to templates as inputs.*.').optional(),
  }),
  [{ rule: 'self == oldSelf', message: 'spec is immutable: a run is a record' }],
).describe('The run: which Workflow, what triggered it, with which inputs.');

const stepStatusSchema = z.strictObject({
  name: dnsLabel.describe('Step name.'),
  type: z.enum(stepTypes).optional().describe('Step type.'),
  phase: z.enum(stepPhases).describe('Phase of the step.'),
  startedAt: dateTime.optional().describe('When the step started.'),
  finishedAt: dateTime.optional().describe('When the step finished.'),
  attempts: z.int().min(0).max(11).optional().describe('Attempts made so far.'),
  outputSummary: z.string().max(4096).optional().describe('Short summary of the output.'),
  error: z.string().max(4096).optional().describe('Why the step failed.'),
});

const approvalRecordSchema = withRules(
  z.strictObject({
    proposalId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ and -')
      .describe('Id of the server-side proposal.'),
    action: z.enum(remediationActions).describe('Proposed action.'),
    target: z.string().max(512).optional().describe('Object acted on, as kind/namespace/name.'),
    decision: z
      .enum(['Approved', 'AutoApproved', 'Dismissed', 'Expired'])
      .optional()
      .describe('Unset while pending.'),
    decidedBy: z
      .array(z.string().max(64))
      .max(2)
      .optional()
      .describe('Slack user ids of the approvers.'),
    decidedAt: dateTime.optional().describe('When the decision was made.'),
    outcome: z
      .enum(['Succeeded', 'Failed', 'RolledBack'])
      .optional()
      .describe('Result of the action, once run.'),
    message: z.string().max(4096).optional().describe('Details of the outcome.'),
  }),
  [
    {
      rule: '!has(self.decision) || has(self.decidedAt)',
      message: 'decidedAt is required once decision is set',
      fieldPath: '.decidedAt',
      reason: 'FieldValueRequired',
      check: (a) =>
        a.decision !== undefined && a.decidedAt === undefined ? [{ path: ['decidedAt'] }] : [],
    },
  ],
);

export const workflowRunStatusSchema = z
  .strictObject({
    phase: z.enum(runPhases).optional().describe('Phase of the run.'),
    message: z.string().max(4096).optional().describe('Why the run is in its phase.'),
    steps: keyedList(stepStatusSchema, 'name', 50).optional().describe('Progress of each step.'),
    startedAt: dateTime.optional().describe('When the run started.'),
    finishedAt: dateTime.optional().describe('When the run finished.'),
    duration: z.string().max(32).optional().describe('Wall time of the run so far, e.g. 1m32s.'),
    usage: z
      .strictObject({
        inputTokens: z.int().min(0).optional().describe('Input tokens sent to the LLM.'),
        outputTokens: z.int().min(0).optional().describe('Output tokens received from the LLM.'),
        costUsd: z.number().min(0).optional().describe('Estimated LLM cost in US dollars.'),
      })
      .optional()
      .describe('LLM usage of the run.'),
    approvals: keyedList(approvalRecordSchema, 'proposalId', 32)
      .optional()
      .describe('Audit of proposed remediations.'),
    outputs: z.record(z.string(), z.string().max(65536)).optional().describe('Rendered outputs.'),
    conditions: conditionsSchema.optional(),
    observedGeneration: observedGenerationSchema,
  })
  .describe('What happened in the run, written by the worker.');

export const workflowRunSchema = resourceSchema(
  'WorkflowRun',
  'dns-subdomain',
  workflowRunSpecSchema,
  workflowRunStatusSchema,
);

export type WorkflowRunSpec = z.infer<typeof workflowRunSpecSchema>;
export type WorkflowRunStatus = z.infer<typeof workflowRunStatusSchema>;
export type WorkflowRun = z.infer<typeof workflowRunSchema>;
