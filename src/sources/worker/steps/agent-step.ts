import { z } from 'zod';
import { reportSchema } from '../../../core/investigation/report.ts';
import type { LlmProvider } from '../../../core/resources/budgets.ts';
import { type AnalyzeDeps, analyzeTarget } from './analyze-step.ts';
import type { StepExecutor } from './step-executor.ts';

/**
 * `agent`: the LLM agent is not available yet. With the runtime provider
 * `none` (explicitly, or as the deployment default), the deterministic
 * analyzers' report stands in — an earlier step's, else a fresh one of the
 * event's target — and the output says so. Any other provider fails the step.
 */
export interface AgentDeps extends AnalyzeDeps {
  /** The deployment default when a Workflow names no provider. */
  readonly defaultProvider: LlmProvider;
}

export const agentOutputSchema = z.strictObject({
  provider: z.literal('none'),
  note: z.string(),
  goal: z.string(),
  report: reportSchema,
});

export const noProviderError = 'agent steps need an LLM provider; none configured';

export function createAgentStep(deps: AgentDeps): StepExecutor<'agent'> {
  return async (step, input) => {
    const provider = input.workflow.spec.runtime.provider ?? deps.defaultProvider;
    if (provider !== 'none') return { type: 'failed', error: noProviderError, retryable: false };
    const earlier = Object.values(input.context.steps)
      .map((s) => reportSchema.safeParse(s.output))
      .findLast((r) => r.success)?.data;
    let report = earlier;
    if (report === undefined) {
      const fresh = await analyzeTarget(deps, input, undefined);
      if (fresh.type !== 'succeeded') return fresh;
      report = reportSchema.parse(fresh.output);
    }
    const output = agentOutputSchema.parse({
      provider: 'none',
      note: "runtime provider is none: the deterministic analyzers' report stands in for the agent",
      goal: step.goal,
      report,
    });
    return { type: 'succeeded', output, summary: `(no LLM) ${report.summary}` };
  };
}
