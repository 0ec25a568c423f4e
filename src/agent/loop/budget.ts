import { type LlmUsage, totalInput } from '../../core/agent/llm.ts';

/**
 * The limits of one agent run and the check made before each LLM round
 * trip. Exhaustion is an expected outcome: the loop stops and returns
 * what it has, marked partial.
 */
export interface AgentBudgets {
  readonly maxIterations: number;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly timeoutMs: number;
}

export type Exhausted = 'max_iterations' | 'input_tokens' | 'output_tokens' | 'timeout';

export interface Spent {
  readonly iterations: number;
  readonly usage: LlmUsage;
  readonly elapsedMs: number;
}

export function exhausted(budgets: AgentBudgets, spent: Spent): Exhausted | undefined {
  if (spent.elapsedMs >= budgets.timeoutMs) return 'timeout';
  if (totalInput(spent.usage) >= budgets.maxInputTokens) return 'input_tokens';
  if (spent.usage.outputTokens >= budgets.maxOutputTokens) return 'output_tokens';
  if (spent.iterations >= budgets.maxIterations) return 'max_iterations';
  return undefined;
}

export function describeExhaustion(reason: Exhausted, budgets: AgentBudgets, spent: Spent): string {
  switch (reason) {
    case 'timeout':
      return `wall time budget of ${Math.round(budgets.timeoutMs / 1000)} s used up`;
    case 'input_tokens':
      return `input token budget used up (${totalInput(spent.usage)} of ${budgets.maxInputTokens})`;
    case 'output_tokens':
      return `output token budget used up (${spent.usage.outputTokens} of ${budgets.maxOutputTokens})`;
    case 'max_iterations':
      return `iteration budget used up (${spent.iterations} LLM round trips) before a final report`;
  }
}

/** Output tokens one request may ask for: a per-turn ceiling, and never more than what is left. */
export function turnMaxTokens(budgets: AgentBudgets, spent: Spent, ceiling = 4096): number {
  return Math.max(1, Math.min(ceiling, budgets.maxOutputTokens - spent.usage.outputTokens));
}
