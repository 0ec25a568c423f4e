import { z } from 'zod';
import { approvalPolicySchema } from './approval-policy.ts';
import { stepBudgetsSchema } from './budgets.ts';
import { freeForm } from './collections.ts';
import { duration } from './duration.ts';
import { celExpression } from './expressions.ts';
import { dnsLabel, dnsSubdomain } from './names.ts';
import { agentTools, remediationActions } from './remediation-actions.ts';
import { withRules } from './validation-rule.ts';

/**
 * The steps of a Workflow, run in order. A conditional step may jump
 * forward (`then`/`else` name a later step) or end the run early (`skip`).
 */
export const stepTypes = ['analyze', 'agent', 'cli', 'conditional', 'remediate'] as const;
export type StepType = (typeof stepTypes)[number];

/** Keywords of conditional `then`/`else`; no step may take these names. */
export const stepFlowKeywords = ['next', 'skip'] as const;

export const stepNameSchema = withRules(dnsLabel, [
  {
    rule: "!(self in ['next', 'skip'])",
    message: "must not be 'next' or 'skip' (keywords of conditional steps)",
    check: (name) => ((stepFlowKeywords as readonly string[]).includes(name) ? [{ path: [] }] : []),
  },
]).describe('Name of the step, unique in the Workflow.');

const common = {
  name: stepNameSchema,
  description: z.string().max(1024).optional().describe('What the step is for, for people.'),
  timeout: duration({ min: '1s', max: '24h' }).optional().describe('Wall time of one attempt.'),
  retries: z.int().min(0).max(10).default(0).describe('Extra attempts after a failed one.'),
};

const templated = (what: string) =>
  z.string().min(1).max(253).describe(`${what}; may be a mustache template.`);

const targetSchema = z
  .strictObject({
    kind: templated('Kind, e.g. Deployment'),
    name: templated('Name'),
    namespace: templated('Namespace').optional(),
  })
  .describe('Object to look at; default: the object the trigger names.');

export const analyzeStepSchema = z.strictObject({
  type: z.literal('analyze'),
  ...common,
  analyzers: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be an analyzer name such as crashloop'))
    .max(64)
    .optional()
    .describe('Deterministic analyzers to run; empty: all.'),
  target: targetSchema.optional(),
});

export const agentStepSchema = z.strictObject({
  type: z.literal('agent'),
  ...common,
  goal: z.string().min(1).max(8192).describe('What the agent must find out; a mustache template.'),
  tools: z
    .array(z.enum(agentTools))
    .min(1)
    .max(agentTools.length)
    .optional()
    .describe('Read-only tools the agent may call; default: all.'),
  budgets: stepBudgetsSchema.optional(),
});

export const cliStepSchema = z.strictObject({
  type: z.literal('cli'),
  ...common,
  image: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/, 'must be a container image reference')
    .describe('Image of the Job that runs the command; its logs are the output.'),
  command: z.array(z.string().max(4096)).min(1).max(64).describe('Entrypoint of the container.'),
  args: z
    .array(z.string().max(4096))
    .max(256)
    .optional()
    .describe('Arguments; may be mustache templates.'),
  serviceAccountName: dnsSubdomain
    .optional()
    .describe('ServiceAccount of the Job; default: the namespace default.'),
});

export const conditionalStepSchema = withRules(
  z.strictObject({
    type: z.literal('conditional'),
    ...common,
    expression: celExpression.describe(
      'CEL over the run context; true takes then, false takes else.',
    ),
    // biome-ignore lint/suspicious/noThenProperty: `then` is the conditional step's field in the Workflow API, a step name, never a function
    then: dnsLabel
      .optional()
      .describe(
        "Step to continue with when true: a later step's name, next (default) or skip (end the run).",
      ),
    else: dnsLabel
      .optional()
      .describe(
        "Step to continue with when false: a later step's name, next (default) or skip (end the run).",
      ),
  }),
  [
    {
      rule: 'has(self.then) || has(self.__else__)',
      message: 'a conditional step needs then or else',
      check: (step) => (step.then === undefined && step.else === undefined ? [{ path: [] }] : []),
    },
  ],
);

export const remediateStepSchema = z.strictObject({
  type: z.literal('remediate'),
  ...common,
  action: z.enum(remediationActions).describe('Predefined action from the catalogue.'),
  params: freeForm(
    'Parameters of the action (validated per action); values may be mustache templates.',
  ).optional(),
  approval: approvalPolicySchema
    .optional()
    .describe('Approval of this step; default: spec.approvalPolicy.'),
});

export const workflowStepSchema = z
  .discriminatedUnion('type', [
    analyzeStepSchema,
    agentStepSchema,
    cliStepSchema,
    conditionalStepSchema,
    remediateStepSchema,
  ])
  .describe('One step: analyze, agent, cli, conditional or remediate.');

export type WorkflowStep = z.infer<typeof workflowStepSchema>;
