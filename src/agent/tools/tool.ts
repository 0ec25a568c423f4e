import type { z } from 'zod';

/**
 * A read-only tool the LLM agent may call. Its input is parsed by `input`
 * before `run` sees it (a bad call is answered with the zod error naming the
 * field, as a tool_result with is_error); its output is text, compacted by
 * the tool loop before it reaches the model. No tool can mutate anything.
 */
export interface AgentToolContext {
  readonly signal: AbortSignal;
  /** Reports a line of live progress ("logs shop/checkout-7d9f --previous"). */
  readonly progress: (message: string) => void;
  /**
   * false when the loop runs without compaction (the bench's baseline):
   * tools that can then return the raw API output (JSON, whole logs).
   * Default true.
   */
  readonly compaction?: boolean;
}

export interface AgentTool<I extends z.ZodType = z.ZodType> {
  /** The name the model calls it by (SPEC's agentTools names). */
  readonly name: string;
  readonly description: string;
  readonly input: I;
  run(input: z.infer<I>, context: AgentToolContext): Promise<ToolOutput>;
}

export interface ToolOutput {
  readonly text: string;
  /** The call failed (not found, forbidden, timed out): the model sees is_error. */
  readonly isError?: boolean;
  /** Where the facts came from, for the report's evidence (`Pod/shop/x`, `promql:...`). */
  readonly sources?: readonly string[];
}
