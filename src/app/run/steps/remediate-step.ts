import { z } from 'zod';
import {
  actionParamSchemas,
  type Proposal,
  proposalSchema,
} from '../../../core/investigation/actions.ts';
import type { Clock } from '../../../core/ports.ts';
import type { ProposalRecord } from '../../../core/remediation/proposal.ts';
import type { ProposeRequest } from '../../../core/remediation/propose.ts';
import { parseDuration } from '../../../core/resources/duration.ts';
import type { RunContext } from '../../../core/workflow/run-context.ts';
import type { StepOutcome } from '../../../core/workflow/step-record.ts';
import type { StepExecutor, StepInput } from './step-executor.ts';

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

type Found = Proposal & { readonly confidence?: number };

/** A report's proposals, each with the report's confidence: the output itself (analyze) or its `report` (agent). */
function proposalsOf(report: unknown): Found[] {
  const r = report as { proposals?: unknown; confidence?: unknown } | null;
  if (!Array.isArray(r?.proposals)) return [];
  const confidence = typeof r.confidence === 'number' ? { confidence: r.confidence } : {};
  return r.proposals.flatMap((p) => {
    const parsed = proposalSchema.safeParse(p);
    return parsed.success ? [{ ...parsed.data, ...confidence }] : [];
  });
}

function proposalsIn(context: RunContext): Found[] {
  return Object.values(context.steps).flatMap((s) => [
    ...proposalsOf(s.output),
    ...proposalsOf((s.output as { report?: unknown } | null)?.report),
  ]);
}

export const proposalIdOf = (run: string, step: string) =>
  `${run}-${step}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(-128);

type RemediateStep = Parameters<StepExecutor<'remediate'>>[0];
type Chosen =
  | { target: string; params: unknown; rationale?: string; confidence?: number }
  | { error: string };

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
  if (proposed === undefined) return { target, params };
  const confidence = proposed.confidence === undefined ? {} : { confidence: proposed.confidence };
  return { target, params, rationale: proposed.rationale, ...confidence };
}

/** The remediation lifecycle as the step sees it (src/core/remediation/propose.ts). */
export interface Proposer {
  propose(request: ProposeRequest): Promise<ProposalRecord>;
}

export interface RemediateDeps {
  readonly clock: Clock;
  /** Without it the step only records the proposal on the run (nothing can execute it). */
  readonly remediation?: Proposer;
}

function refused(record: ProposalRecord): StepOutcome {
  return {
    type: 'failed',
    retryable: false,
    error: `${record.action} on ${record.target} refused: ${record.policy.reasons.join('; ')}`,
  };
}

function badParams(
  action: string,
  issue: { readonly path: readonly PropertyKey[]; readonly message: string } | undefined,
): StepOutcome {
  const where = `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim();
  return { type: 'failed', retryable: false, error: `params of ${action}: ${where}` };
}

const summaryOf = (action: string, target: string, record: ProposalRecord | undefined) =>
  `proposed ${action} on ${target}; ${record?.requiredApprovals === 0 ? 'auto-approved' : 'awaiting approval'}`;

type Output = z.infer<typeof remediateOutputSchema>;
type Picked = Exclude<Chosen, { error: string }>;

/** What the lifecycle is asked to propose, from the step, the run and the chosen target. */
function requestOf(
  step: RemediateStep,
  input: StepInput,
  chosen: Picked,
  output: Output & { readonly approval: ProposeRequest['approval'] },
): ProposeRequest {
  const { run, event, workflow } = input;
  const policy = workflow.spec.remediationPolicy;
  return {
    id: output.proposalId,
    run: { namespace: run.namespace, name: run.name, workflow: run.workflow, step: step.name },
    action: step.action,
    target: chosen.target,
    params: output.params,
    ...(chosen.rationale === undefined ? {} : { rationale: chosen.rationale }),
    ...(chosen.confidence === undefined ? {} : { confidence: chosen.confidence }),
    ...(event.environment === undefined ? {} : { environment: event.environment }),
    approval: output.approval,
    ...(policy === undefined ? {} : { policy }),
  };
}

export function createRemediateStep(deps: RemediateDeps): StepExecutor<'remediate'> {
  return async (step, input) => {
    const chosen = choose(step, input.context);
    if ('error' in chosen) return { type: 'failed', retryable: false, error: chosen.error };
    const params = actionParamSchemas[step.action].safeParse(chosen.params);
    if (!params.success) return badParams(step.action, params.error.issues[0]);
    const policy = step.approval ?? input.workflow.spec.approvalPolicy;
    const expiresIn = parseDuration(policy.expiresAfter) ?? 30 * 60_000;
    const output = remediateOutputSchema.parse({
      proposalId: proposalIdOf(input.run.name, step.name),
      action: step.action,
      target: chosen.target,
      params: params.data,
      ...(chosen.rationale === undefined ? {} : { rationale: chosen.rationale }),
      requiredApprovals: policy.required,
      expiresAt: new Date(deps.clock.now().getTime() + expiresIn).toISOString(),
    });
    const record = await deps.remediation?.propose(
      requestOf(step, input, chosen, { ...output, approval: policy }),
    );
    if (record?.state === 'Refused') return refused(record);
    const final =
      record === undefined
        ? output
        : { ...output, requiredApprovals: record.requiredApprovals, expiresAt: record.expiresAt };
    return {
      type: 'awaiting-approval',
      output: final,
      summary: summaryOf(step.action, chosen.target, record),
      approval: { proposalId: output.proposalId, action: step.action, target: chosen.target },
    };
  };
}
