import type { LlmUsage } from '../../core/agent/llm.ts';
import type { Report } from '../../core/investigation/report.ts';
import type { Exhausted } from './budget.ts';
import type { ToolCallRecord } from './tool-runner.ts';

/** How an agent run ended and what it cost. */
export type StopReason = 'answered' | Exhausted | 'llm_error' | 'invalid_answer' | 'no_answer';

export interface AgentUsage extends LlmUsage {
  readonly provider: string;
  readonly model: string;
  readonly costUsd: number;
  readonly requests: number;
}

export interface AgentResult {
  /** The LLM's report; when partial, the analyzers' report marked partial with the reason. */
  readonly report: Report;
  /** The deterministic analysis the run was seeded with. */
  readonly deterministic?: Report | undefined;
  readonly partial: boolean;
  readonly stopReason: StopReason;
  /** Why it stopped early, in words (budget, LLM error, invalid answer). */
  readonly stopDetail?: string;
  /** What the model wrote along the way (partial thoughts), newest last. */
  readonly notes: readonly string[];
  readonly toolCalls: readonly ToolCallRecord[];
  readonly usage: AgentUsage;
}
