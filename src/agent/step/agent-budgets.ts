import type { Runtime } from '../../core/resources/budgets.ts';
import { parseDuration } from '../../core/resources/duration.ts';
import type { WorkflowStep } from '../../core/resources/workflow-steps.ts';
import type { AgentBudgets } from '../loop/budget.ts';

/** An agent step's budgets: its own where set, each capped by the Workflow runtime's. */
type AgentStep = Extract<WorkflowStep, { type: 'agent' }>;

const capped = (own: number | undefined, cap: number) => Math.min(own ?? cap, cap);

export function agentBudgets(runtime: Runtime, step: AgentStep): AgentBudgets {
  const runTimeout = parseDuration(runtime.budgets.timeout) ?? 600_000;
  const own = step.budgets?.timeout === undefined ? undefined : parseDuration(step.budgets.timeout);
  return {
    maxIterations: capped(step.budgets?.maxIterations, runtime.maxIterations),
    maxInputTokens: capped(step.budgets?.maxInputTokens, runtime.budgets.maxInputTokens),
    maxOutputTokens: capped(step.budgets?.maxOutputTokens, runtime.budgets.maxOutputTokens),
    timeoutMs: capped(own, runTimeout),
  };
}
