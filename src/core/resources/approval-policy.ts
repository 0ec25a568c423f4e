import { z } from 'zod';
import { duration } from './duration.ts';
import { celExpression } from './expressions.ts';
import { slackUserGroupId, slackUserId } from './names.ts';
import { withRules } from './validation-rule.ts';

/** Who may approve a proposed remediation, how many must, and for how long the proposal stands. */
const approversSchema = z
  .strictObject({
    users: z
      .array(slackUserId)
      .max(100)
      .default([])
      .describe('Slack user ids (U…/W…) allowed to approve.'),
    userGroups: z
      .array(slackUserGroupId)
      .max(50)
      .default([])
      .describe('Slack user group ids (S…) whose members may approve.'),
  })
  .describe('Who may approve. Both empty: the deployment default approvers.');

export const approvalPolicySchema = withRules(
  z.strictObject({
    required: z
      .int()
      .min(0)
      .max(2)
      .default(1)
      .describe('Distinct approvals needed before the action runs: 0 (none), 1 or 2.'),
    approvers: approversSchema.prefault({}),
    expiresAfter: duration({ min: '1m', max: '168h' })
      .default('1h')
      .describe('A proposal not decided within this time expires and never runs.'),
    autoApproveIf: celExpression
      .optional()
      .describe(
        'CEL over the proposal (action, target, confidence, environment); true approves without a person. Safety policies still apply.',
      ),
  }),
  [
    {
      rule: '!(self.required == 2 && size(self.approvers.userGroups) == 0 && size(self.approvers.users) == 1)',
      message: 'required is 2 but approvers lists only one user: no second person could approve',
      fieldPath: '.required',
      check: (p) =>
        p.required === 2 && p.approvers.userGroups.length === 0 && p.approvers.users.length === 1
          ? [{ path: ['required'] }]
          : [],
    },
  ],
).describe('How proposed remediations are approved.');

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
