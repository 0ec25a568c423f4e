import { z } from 'zod';
import {
  actionParamSchemas,
  type Proposal,
  proposalSchema,
} from '../../../core/investigation/actions.ts';
import type { Clock } from '../../../core/ports.ts';
import { parseDuration } from '../../../core/resources/duration.ts';
import type { RunContext } from '../../../core/workflow/run-context.ts';
import type { StepExecutor } from './step-executor.ts';

/**
 * `remediate`: puts a proposal before the approval gate and stops the run
 * (AwaitingApproval). Nothing runs here; the remediation module executes
 * approved proposals later. The target is `params.target`, else the first
 * proposal of the same action an earlier step (a report) made.
 */
export const remediateOutputSchema = z.strictObject({
  proposalId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  action: z.string(),
  target: z.string().min(3),
  params: z.record(z.string(), z.unknown()),
  rationale: z.string().optional(),
  requiredApprovals: z.int().min(0).max(2),
  expiresAt: z.iso.datetime(),
});

function proposalsIn(context: RunContext): Proposal[] {
  return Object.values(context.steps).flatMap((s) => {
    const list = (s.output as { proposals?: unknown } | null)?.proposals;
    if (!Array.isArray(list)) return [];
    return list.flatMap((p) => {
      const parsed = proposalSchema.safeParse(p);
      return parsed.success ? [parsed.data] : [];
    });
  });
}

export const proposalIdOf = (run: string, step: string) =>
  `${run}-${step}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(-128);

type RemediateStep = Parameters<StepExecutor<'remediate'>>[0];
type Chosen = { target: string; params: unknown; rationale?: string } | { error: string };

/** The target and params: the step's own, else those of an earlier report's proposal of the action. */
function choose(step: RemediateStep, context: RunContext): Chosen {
  const { target: given, ...rest } = step.params ?? {};
  const proposed = proposalsIn(context).find((p) => p.action === step.action);
  const target = typeof given === 'string' ? given : proposed?.target;
  if (target === undefined) {
    return {
      error: `remediate step ${step.name} has no target: set params.target, or run an analyze step before it that proposes ${step.action}`,
    };
  }
  const own = Object.keys(rest).length > 0 || proposed === undefined;
  const params = own ? rest : proposed.params;
  return proposed === undefined
    ? { target, params }
    : { target, params, rationale: proposed.rationale };
}

export function createRemediateStep(deps: { readonly clock: Clock }): StepExecutor<'remediate'> {
  return async (step, input) => {
    const chosen = choose(step, input.context);
    if ('error' in chosen) return { type: 'failed', retryable: false, error: chosen.error };
    const params = actionParamSchemas[step.action].safeParse(chosen.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      const where = `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim();
      return { type: 'failed', retryable: false, error: `params of ${step.action}: ${where}` };
    }
    const policy = step.approval ?? input.workflow.spec.approvalPolicy;
    const expiresIn = parseDuration(policy.expiresAfter) ?? 3_600_000;
    const output = remediateOutputSchema.parse({
      proposalId: proposalIdOf(input.run.name, step.name),
      action: step.action,
      target: chosen.target,
      params: params.data,
      ...(chosen.rationale === undefined ? {} : { rationale: chosen.rationale }),
      requiredApprovals: policy.required,
      expiresAt: new Date(deps.clock.now().getTime() + expiresIn).toISOString(),
    });
    return {
      type: 'awaiting-approval',
      output,
      summary: `proposed ${step.action} on ${chosen.target}; awaiting approval`,
      approval: { proposalId: output.proposalId, action: step.action, target: chosen.target },
    };
  };
}
