import { z } from 'zod';
import { duration } from './duration.ts';
import { celExpression } from './expressions.ts';
import { slackUserGroupId, slackUserId } from './names.ts';
import { withRules } from './validation-rule.ts';

/** Who may approve a proposed remediation, how many must, and for how long the proposal stands. */
const users = z
  .array(slackUserId)
  .max(100)
  .default([])
  .describe('Slack user ids (U…/W…) allowed to approve.');
const userGroups = z
  .array(slackUserGroupId)
  .max(50)
  .default([])
  .describe('Slack user group ids (S…) whose members may approve.');

/** A namespace name, or a glob over names where `*` stands for any characters (`team-*`). */
const namespacePattern = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?$/, 'must be a namespace name or a glob such as team-*')
  .describe('A namespace name, or a glob where * stands for any characters (e.g. team-*).');

const namespaceRuleSchema = withRules(
  z.strictObject({
    namespaces: z
      .array(namespacePattern)
      .min(1)
      .max(50)
      .describe('Namespaces (names or globs) whose proposals this rule governs.'),
    users,
    userGroups,
  }),
  [
    {
      rule: 'size(self.users) + size(self.userGroups) > 0',
      message: 'a namespace rule must name at least one user or user group',
      fieldPath: '.users',
      check: (r) => (r.users.length + r.userGroups.length === 0 ? [{ path: ['users'] }] : []),
    },
  ],
).describe('Who approves proposals whose target is in these namespaces.');

const approversSchema = z
  .strictObject({
    users,
    userGroups,
    namespaces: z
      .array(namespaceRuleSchema)
      .max(20)
      .optional()
      .describe(
        "Per-namespace rules. A proposal whose target's namespace matches a rule (the first that matches, in order) may be approved ONLY by that rule's users and groups, instead of the lists above; cluster-scoped targets (nodes) and unmatched namespaces use the lists above.",
      ),
  })
  .describe(
    'Who may approve. users and userGroups both empty (and no namespace rule matching): the deployment default approvers.',
  );

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
      .default('30m')
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
    {
      rule: '!(self.required == 2 && has(self.approvers.namespaces) && self.approvers.namespaces.exists(r, size(r.userGroups) == 0 && size(r.users) == 1))',
      message:
        'required is 2 but a namespace rule lists only one user: no second person could approve there',
      fieldPath: '.required',
      check: (p) =>
        p.required === 2 &&
        (p.approvers.namespaces ?? []).some(
          (r) => r.userGroups.length === 0 && r.users.length === 1,
        )
          ? [{ path: ['required'] }]
          : [],
    },
  ],
).describe('How proposed remediations are approved.');

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
