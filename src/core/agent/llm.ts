/**
 * What the agent needs from an LLM, whatever the provider: one request with
 * a system prompt, the conversation, the tool definitions; one answer with
 * text and tool calls, why it stopped, and what it cost in tokens. Adapters
 * (src/agent/providers) speak the providers' wire formats.
 */
export interface LlmText {
  readonly type: 'text';
  readonly text: string;
}

export interface LlmToolCall {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

export interface LlmToolResult {
  readonly type: 'tool_result';
  readonly toolUseId: string;
  readonly text: string;
  readonly isError: boolean;
}

export type LlmContent = LlmText | LlmToolCall | LlmToolResult;

export interface LlmMessage {
  readonly role: 'user' | 'assistant';
  readonly content: readonly LlmContent[];
}

export interface LlmToolDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the tool's input (an object schema). */
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

export interface LlmRequest {
  readonly model: string;
  /** Stable across the turns of one conversation, so a provider may cache it. */
  readonly system: string;
  readonly messages: readonly LlmMessage[];
  readonly tools: readonly LlmToolDefinition[];
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
  /** Streamed text as it arrives (partial thoughts for a progress display). */
  readonly onText?: (delta: string) => void;
}

export type LlmStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'other';

export interface LlmUsage {
  /** Input tokens read neither from nor into the prompt cache. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
}

export interface LlmResponse {
  readonly content: readonly (LlmText | LlmToolCall)[];
  readonly stopReason: LlmStopReason;
  readonly usage: LlmUsage;
  readonly model: string;
}

/** One LLM provider. Errors are AppErrors (rate_limited, upstream_unavailable, timeout, unauthorized…). */
export interface LlmPort {
  readonly provider: 'anthropic' | 'openai';
  complete(request: LlmRequest): Promise<LlmResponse>;
}

export const noUsage: LlmUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** Every input token, cached or not: what an input budget counts. */
export function totalInput(u: LlmUsage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}
