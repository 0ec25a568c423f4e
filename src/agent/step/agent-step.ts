import { z } from 'zod';
import { type AnalyzeDeps, analyzeTarget } from '../../app/run/steps/analyze-step.ts';
import { errorText, type StepExecutor, type StepInput } from '../../app/run/steps/step-executor.ts';
import type { LlmPort } from '../../core/agent/llm.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import { type Report, reportSchema } from '../../core/investigation/report.ts';
import type { LlmProvider, Runtime } from '../../core/resources/budgets.ts';
import type { AgentMetrics } from '../loop/agent-metrics.ts';
import type { PriceTable } from '../loop/pricing.ts';
import { runAgent } from '../loop/run-agent.ts';
import { type AgentToolDeps, createAgentTools } from '../tools/index.ts';
import { agentBudgets } from './agent-budgets.ts';

/**
 * `agent`: the LLM agent, seeded with the analyzers' report (an earlier
 * step's, else a fresh one of the event's target), with the Workflow's
 * budgets, tools and provider. With the provider `none` the analyzers'
 * report stands in and the output says so. Its output carries the report
 * and the run's LLM usage (summed into the WorkflowRun's status.usage).
 */
export interface AgentRuntime {
  /** The provider's LLM and model for this Workflow runtime; throws AppError config_invalid when not configured. */
  llm(provider: Exclude<LlmProvider, 'none'>, runtime: Runtime): { llm: LlmPort; model: string };
  readonly tools: Omit<AgentToolDeps, 'runbookUrls'>;
  readonly metrics?: AgentMetrics | undefined;
  readonly prices?: PriceTable;
}

export interface AgentDeps extends AnalyzeDeps {
  /** The deployment default when a Workflow names no provider. */
  readonly defaultProvider: LlmProvider;
  /** Without it, only provider `none` works. */
  readonly agent?: AgentRuntime | undefined;
}

export const agentOutputSchema = z.strictObject({
  provider: z.literal('none'),
  note: z.string(),
  goal: z.string(),
  report: reportSchema,
});

export const noProviderError = 'agent steps need an LLM provider; none configured';

async function seedReport(deps: AgentDeps, input: StepInput): Promise<Report | undefined> {
  const earlier = Object.values(input.context.steps)
    .map((s) => reportSchema.safeParse(s.output))
    .findLast((r) => r.success)?.data;
  if (earlier !== undefined) return earlier;
  const fresh = await analyzeTarget(deps, input, undefined);
  return fresh.type === 'succeeded' ? reportSchema.parse(fresh.output) : undefined;
}

function triggerText(event: SourceEvent): string {
  const alerts = event.alerts.slice(0, 5).map((a) => {
    const labels = Object.entries(a.labels).map(([k, v]) => `${k}=${v}`);
    const annotations = Object.entries(a.annotations).map(([k, v]) => `  ${k}: ${v}`);
    return [`alert (${a.status}) ${labels.join(' ')}`, ...annotations].join('\n');
  });
  return [
    `${event.title} (${event.source.type} ${event.source.namespace}/${event.source.name})`,
    ...alerts,
  ].join('\n');
}

function runbookUrls(event: SourceEvent): Record<string, string> {
  return Object.fromEntries(
    event.alerts.flatMap((a) =>
      a.annotations.runbook_url === undefined
        ? []
        : [[a.labels.alertname ?? 'alert', a.annotations.runbook_url] as const],
    ),
  );
}

async function withoutLlm(deps: AgentDeps, goal: string, input: StepInput) {
  const report = await seedReport(deps, input);
  if (report === undefined)
    return {
      type: 'failed',
      error: 'no target to analyze for the agent step',
      retryable: false,
    } as const;
  const output = agentOutputSchema.parse({
    provider: 'none',
    note: "runtime provider is none: the deterministic analyzers' report stands in for the agent",
    goal,
    report,
  });
  return { type: 'succeeded', output, summary: `(no LLM) ${report.summary}` } as const;
}

export function createAgentStep(deps: AgentDeps): StepExecutor<'agent'> {
  return async (step, input) => {
    const runtime = input.workflow.spec.runtime;
    const provider = runtime.provider ?? deps.defaultProvider;
    if (provider === 'none') return withoutLlm(deps, step.goal, input);
    if (deps.agent === undefined)
      return { type: 'failed', error: noProviderError, retryable: false };
    try {
      const { llm, model } = deps.agent.llm(provider, runtime);
      const seed = await seedReport(deps, input);
      const result = await runAgent(
        {
          llm,
          model,
          tools: createAgentTools(
            { ...deps.agent.tools, runbookUrls: runbookUrls(input.event) },
            step.tools,
          ),
          clock: deps.clock,
          budgets: agentBudgets(runtime, step),
          metrics: deps.agent.metrics,
          ...(deps.agent.prices === undefined ? {} : { prices: deps.agent.prices }),
          progress: input.progress,
          signal: input.signal,
        },
        {
          target: seed?.target ?? input.event.title,
          question: step.goal,
          trigger: triggerText(input.event),
          seed,
        },
      );
      const output = {
        provider,
        model,
        goal: step.goal,
        ...result,
        toolCalls: result.toolCalls.length,
      };
      const mark = result.partial ? `(partial: ${result.stopDetail ?? result.stopReason}) ` : '';
      return { type: 'succeeded', output, summary: `${mark}${result.report.summary}` };
    } catch (err) {
      return { type: 'failed', error: `agent failed: ${errorText(err)}`, retryable: false };
    }
  };
}
