import type { AgentResult } from '../agent/loop/agent-result.ts';
import { runAgent } from '../agent/loop/run-agent.ts';
import { createAgentTools } from '../agent/tools/index.ts';
import type { Report } from '../core/investigation/report.ts';
import { systemClock } from '../core/ports.ts';
import type { LlmProvider } from '../core/resources/budgets.ts';
import { createAgentRuntime, openLlm } from '../wiring/llm.ts';
import { loadConfig } from '../wiring/load-config.ts';
import { createAgentProgress } from './agent-progress.ts';
import type { CommandIo } from './investigate-command.ts';
import { renderReport } from './render-report.ts';

/**
 * The LLM agent for the CLI (`investigate --llm anthropic|openai`, `ask`):
 * tool calls and partial thoughts on stderr as they happen (a spinner line
 * on a terminal, plain lines otherwise), the report on
 * stdout (JSON with --json), usage and cost on stderr.
 */
export interface AgentQuestion {
  readonly provider: Exclude<LlmProvider, 'none'>;
  readonly question: string;
  readonly target: string;
  readonly seed?: Report | undefined;
  readonly json: boolean;
}

const cliBudgets = {
  maxIterations: 20,
  maxInputTokens: 300_000,
  maxOutputTokens: 20_000,
  timeoutMs: 10 * 60_000,
};

function usageLine(result: AgentResult): string {
  const u = result.usage;
  const cache =
    u.cacheReadTokens + u.cacheWriteTokens > 0
      ? ` (cache read ${u.cacheReadTokens}, written ${u.cacheWriteTokens})`
      : '';
  return `${u.provider} ${u.model}: ${u.requests} requests, ${u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens} input tokens${cache}, ${u.outputTokens} output tokens, ~$${u.costUsd.toFixed(4)}; ${result.toolCalls.length} tool calls\n`;
}

export async function answerWithAgent(
  io: CommandIo,
  cluster: Parameters<typeof createAgentTools>[0]['cluster'],
  q: AgentQuestion,
): Promise<number> {
  const config = loadConfig(io.env);
  const { llm, model } = openLlm(config, q.provider);
  const runtime = createAgentRuntime(config, { cluster, clock: systemClock });
  const progress = createAgentProgress(io.stderr);
  const result = await runAgent(
    {
      llm,
      model,
      tools: createAgentTools(runtime.tools),
      clock: systemClock,
      budgets: cliBudgets,
      progress: progress.update,
    },
    { target: q.target, question: q.question, seed: q.seed },
  ).finally(progress.stop);
  io.stderr.write(usageLine(result));
  if (result.partial)
    io.stderr.write(`agent: partial answer: ${result.stopDetail ?? result.stopReason}\n`);
  io.stdout.write(
    q.json ? `${JSON.stringify(result.report, null, 2)}\n` : renderReport(result.report),
  );
  return 0;
}
