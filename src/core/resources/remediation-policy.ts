import { z } from 'zod';
import { duration } from './duration.ts';
import { celExpression } from './expressions.ts';
import { dnsLabel } from './names.ts';
import { remediationActions } from './remediation-actions.ts';

/**
 * The safety policy of remediations, on a Workflow (spec.remediationPolicy),
 * merged over the cluster default (src/core/remediation/policy-defaults.ts).
 * Every field is optional: unset means "the cluster default's".
 */
const riskNames = ['low', 'medium', 'high'] as const;
const environmentName = z
  .string()
  .min(1)
  .max(63)
  .describe('Environment of the target namespace (classification), e.g. production.');

const allowRuleSchema = z.strictObject({
  namespaces: z
    .array(dnsLabel)
    .max(100)
    .optional()
    .describe('Namespaces the rule covers; unset: all.'),
  environments: z
    .array(environmentName)
    .max(20)
    .optional()
    .describe('Environments the rule covers; unset: all.'),
  actions: z
    .array(z.enum(remediationActions))
    .min(1)
    .max(remediationActions.length)
    .describe('Actions allowed where the rule applies.'),
});

const approvalRuleSchema = z.strictObject({
  risks: z.array(z.enum(riskNames)).max(3).optional().describe('Risk levels covered; unset: all.'),
  environments: z
    .array(environmentName)
    .max(20)
    .optional()
    .describe('Environments covered; unset: all.'),
  minConfidence: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('The rule applies only when the report is at least this confident.'),
  required: z.int().min(0).max(2).describe('Distinct approvals needed (0: auto-approved).'),
});

const celRuleSchema = z.strictObject({
  expression: celExpression.describe(
    'CEL over the proposal (action, kind, namespace, name, params, risk, confidence, environment, replicas); false refuses it.',
  ),
  message: z.string().min(1).max(512).describe('What a person is told when the rule refuses.'),
});

export const remediationPolicySchema = z
  .strictObject({
    protectedNamespaces: z
      .array(dnsLabel)
      .max(100)
      .optional()
      .describe('Namespaces no action may touch, added to the cluster default ones.'),
    maxScaleDelta: z
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Most replicas one scale may add or remove.'),
    minReplicas: z.int().min(0).max(10000).optional().describe('Fewest replicas scale may leave.'),
    maxReplicas: z.int().min(0).max(10000).optional().describe('Most replicas scale may set.'),
    maxUnschedulableNodes: z
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Most nodes cordoned or drained at once (counting those already unschedulable).'),
    allowedActions: z
      .array(allowRuleSchema)
      .max(50)
      .optional()
      .describe(
        'When set, an action must be allowed by a rule covering its namespace/environment.',
      ),
    approvals: z
      .array(approvalRuleSchema)
      .max(50)
      .optional()
      .describe(
        'Approvals required by risk × environment × confidence; the first matching rule wins, else the approval policy.',
      ),
    cooldown: duration({ min: '0s', max: '168h' })
      .optional()
      .describe('The same action on the same target is refused again within this time.'),
    rules: z
      .array(celRuleSchema)
      .max(32)
      .optional()
      .describe('Extra CEL rules, each with the message shown when it refuses.'),
  })
  .describe('Safety policy of remediations, over the cluster default.');

export type RemediationPolicySpec = z.infer<typeof remediationPolicySchema>;
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;
export type AllowRule = z.infer<typeof allowRuleSchema>;
