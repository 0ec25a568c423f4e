import type { ValidationRule, Violation } from './validation-rule.ts';
import { stepFlowKeywords, type WorkflowStep } from './workflow-steps.ts';

/**
 * Where a conditional step may go: a LATER step of the same Workflow (so
 * runs always end), `next` or `skip`. Stated in CEL for the API server and in
 * TypeScript for zod.
 */
type Branch = 'then' | 'else';

function celFor(branch: Branch): string {
  const field = branch === 'else' ? '__else__' : 'then';
  // Two-variable comprehensions (index, value) keep the cost estimate low.
  return [
    `self.steps.all(i, s, s.type != 'conditional' || !has(s.${field})`,
    `|| s.${field} in ['next', 'skip']`,
    `|| self.steps.exists(j, t, j > i && t.name == s.${field}))`,
  ].join(' ');
}

function violations(steps: readonly WorkflowStep[], branch: Branch): Violation[] {
  const names = steps.map((s) => s.name);
  const found: Violation[] = [];
  steps.forEach((step, index) => {
    if (step.type !== 'conditional') return;
    const target = step[branch];
    if (target === undefined || (stepFlowKeywords as readonly string[]).includes(target)) return;
    const at = names.indexOf(target);
    if (at > index) return;
    const why =
      at === -1 ? 'names no step of this workflow' : 'names an earlier step (only forward jumps)';
    found.push({
      path: ['steps', index, branch],
      message: `${branch} "${target}" of step "${step.name}" ${why}; use a later step, next or skip`,
    });
  });
  return found;
}

export function conditionalTargetRules(): ValidationRule<{ steps: readonly WorkflowStep[] }>[] {
  return (['then', 'else'] as const).map((branch) => ({
    rule: celFor(branch),
    message: `steps[].${branch} of a conditional step must name a later step of this workflow, or be next or skip`,
    fieldPath: '.steps',
    check: (spec) => violations(spec.steps, branch),
  }));
}
