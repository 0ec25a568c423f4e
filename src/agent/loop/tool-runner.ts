import { z } from 'zod';
import type { LlmToolCall, LlmToolDefinition, LlmToolResult } from '../../core/agent/llm.ts';
import { isAppError } from '../../core/errors.ts';
import { compactText } from '../compaction/compact-text.ts';
import type { AgentTool } from '../tools/tool.ts';
import type { AgentMetrics } from './agent-metrics.ts';
import { fenceData } from './fence.ts';
import { describeZodError } from './final-answer.ts';

/**
 * Runs the model's tool calls: unknown tools and bad inputs answered as
 * errors naming the field, repeated identical calls refused, every result
 * compacted and capped, then fenced as untrusted data.
 */
export interface ToolRunnerDeps {
  readonly tools: readonly AgentTool[];
  readonly metrics?: AgentMetrics | undefined;
  readonly progress: (message: string) => void;
  readonly maxResultBytes?: number;
  /** false: tool output reaches the model raw, neither compacted nor capped (default true). */
  readonly compaction?: boolean;
}

export interface ToolCallRecord {
  readonly tool: string;
  readonly outcome: 'ok' | 'error' | 'invalid_input' | 'unknown_tool' | 'repeated';
  readonly sources: readonly string[];
}

export function toolDefinitions(tools: readonly AgentTool[]): LlmToolDefinition[] {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    inputSchema: z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
  }));
}

export class ToolRunner {
  private readonly seen = new Set<string>();
  readonly calls: ToolCallRecord[] = [];

  constructor(private readonly deps: ToolRunnerDeps) {}

  async runAll(calls: readonly LlmToolCall[], signal: AbortSignal): Promise<LlmToolResult[]> {
    return Promise.all(calls.map((c) => this.run(c, signal)));
  }

  private finish(
    call: LlmToolCall,
    outcome: ToolCallRecord['outcome'],
    text: string,
    sources: readonly string[] = [],
  ): LlmToolResult {
    this.calls.push({ tool: call.name, outcome, sources });
    this.deps.metrics?.toolCalls.inc({ tool: call.name, outcome });
    const isError = outcome !== 'ok';
    const capped =
      this.deps.compaction === false ? text : compactText(text, this.deps.maxResultBytes ?? 8_000);
    return {
      type: 'tool_result',
      toolUseId: call.id,
      isError,
      text: isError ? capped : fenceData(call.name, capped),
    };
  }

  async run(call: LlmToolCall, signal: AbortSignal): Promise<LlmToolResult> {
    const tool = this.deps.tools.find((t) => t.name === call.name);
    if (tool === undefined) {
      const known = this.deps.tools.map((t) => t.name).join(', ');
      return this.finish(
        call,
        'unknown_tool',
        `no tool "${call.name}"; the tools are: ${known}. All are read-only.`,
      );
    }
    const parsed = tool.input.safeParse(call.input);
    if (!parsed.success)
      return this.finish(call, 'invalid_input', `invalid input: ${describeZodError(parsed.error)}`);
    const key = `${call.name} ${JSON.stringify(parsed.data)}`;
    if (this.seen.has(key)) {
      return this.finish(
        call,
        'repeated',
        'you already made this exact call; use its earlier result',
      );
    }
    this.seen.add(key);
    try {
      const output = await tool.run(parsed.data, {
        signal,
        progress: this.deps.progress,
        compaction: this.deps.compaction !== false,
      });
      return this.finish(
        call,
        output.isError === true ? 'error' : 'ok',
        output.text,
        output.sources ?? [],
      );
    } catch (err) {
      const message = isAppError(err)
        ? `${err.code}: ${err.message}`
        : err instanceof Error
          ? err.message
          : String(err);
      return this.finish(call, 'error', `${call.name} failed: ${message}`);
    }
  }
}
