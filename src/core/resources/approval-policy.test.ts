import { describe, expect, it } from 'vitest';
import { approvalPolicySchema } from './approval-policy.ts';
import { parseWithProblems } from './parse-resource.ts';

function problems(policy: unknown): string[] {
  const parsed = parseWithProblems(approvalPolicySchema, policy);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
}

describe('approval policy: per-namespace approvers', () => {
  it('reads rules of names and globs with users and groups', () => {
    const policy = approvalPolicySchema.parse({
      approvers: {
        userGroups: ['S0ONCALL01'],
        namespaces: [{ namespaces: ['payments', 'team-*'], userGroups: ['S0PAYMENT1'] }],
      },
    });
    expect(policy.approvers.namespaces).toEqual([
      { namespaces: ['payments', 'team-*'], users: [], userGroups: ['S0PAYMENT1'] },
    ]);
  });

  it('refuses a rule naming nobody, a bad pattern, and two approvals from a rule of one user', () => {
    expect(problems({ approvers: { namespaces: [{ namespaces: ['payments'] }] } })).toEqual([
      'approvers.namespaces[0].users: a namespace rule must name at least one user or user group',
    ]);
    expect(
      problems({
        approvers: { namespaces: [{ namespaces: ['Pay/ments'], users: ['U012AB3CD'] }] },
      }),
    ).toEqual([
      expect.stringMatching(
        /^approvers\.namespaces\[0\]\.namespaces\[0\]: must be a namespace name or a glob/,
      ),
    ]);
    expect(
      problems({
        required: 2,
        approvers: {
          userGroups: ['S0ONCALL01'],
          namespaces: [{ namespaces: ['payments'], users: ['U012AB3CD'] }],
        },
      }),
    ).toEqual([
      'required: required is 2 but a namespace rule lists only one user: no second person could approve there',
    ]);
  });
});
