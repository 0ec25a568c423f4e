import { Counter, type Registry } from 'prom-client';
import type { LlmUsage } from '../../core/agent/llm.ts';

/** LLM tokens and cost, and the agent's tool calls (SPEC §6), on the app's one Registry. */
export interface AgentMetrics {
  readonly tokens: Counter<'provider' | 'model' | 'type'>;
  readonly cost: Counter<'provider' | 'model'>;
  readonly toolCalls: Counter<'tool' | 'outcome'>;
  readonly runs: Counter<'provider' | 'outcome'>;
}

export function createAgentMetrics(registry: Registry): AgentMetrics {
  return {
    tokens: new Counter({
      name: 'punchingfist_llm_tokens_total',
      help: 'LLM tokens by provider, model and type (input, output, cache_read, cache_write).',
      labelNames: ['provider', 'model', 'type'],
      registers: [registry],
    }),
    cost: new Counter({
      name: 'punchingfist_llm_cost_usd_total',
      help: 'Estimated LLM cost in US dollars, by provider and model.',
      labelNames: ['provider', 'model'],
      registers: [registry],
    }),
    toolCalls: new Counter({
      name: 'punchingfist_agent_tool_calls_total',
      help: 'Agent tool calls by tool and outcome (ok, error, invalid_input, unknown_tool, repeated).',
      labelNames: ['tool', 'outcome'],
      registers: [registry],
    }),
    runs: new Counter({
      name: 'punchingfist_agent_runs_total',
      help: 'Agent investigations by provider and outcome (answered, partial).',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    }),
  };
}

export function recordUsage(
  metrics: AgentMetrics | undefined,
  labels: { provider: string; model: string },
  usage: LlmUsage,
  cost: number,
): void {
  if (metrics === undefined) return;
  metrics.tokens.inc({ ...labels, type: 'input' }, usage.inputTokens);
  metrics.tokens.inc({ ...labels, type: 'output' }, usage.outputTokens);
  metrics.tokens.inc({ ...labels, type: 'cache_read' }, usage.cacheReadTokens);
  metrics.tokens.inc({ ...labels, type: 'cache_write' }, usage.cacheWriteTokens);
  metrics.cost.inc(labels, cost);
}
