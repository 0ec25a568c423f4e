/**
 * Composition of the LLM agent, beside src/wiring/serve.ts and used by it and by
 * the CLI: the only place that constructs the Anthropic client and the
 * OpenAI-compatible adapter, from the parsed config and a Workflow's
 * runtime (its model and endpoint win over LLM_MODEL and the *_BASE_URL).
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Registry } from 'prom-client';
import { createPrometheusClient } from '../adapters/prometheus/index.ts';
import { createAgentMetrics } from '../agent/loop/agent-metrics.ts';
import { createAnthropicLlm } from '../agent/providers/anthropic-llm.ts';
import { createOpenAiLlm } from '../agent/providers/openai-llm.ts';
import type { AgentRuntime } from '../agent/step/agent-step.ts';
import type { Config } from '../config.ts';
import type { LlmPort } from '../core/agent/llm.ts';
import { AppError } from '../core/errors.ts';
import type { Clock, ClusterPort } from '../core/ports.ts';
import type { LlmProvider, Runtime } from '../core/resources/budgets.ts';

export const defaultModels = { anthropic: 'claude-sonnet-4-5', openai: 'llama3.1' } as const;

type LlmConfig = Pick<
  Config,
  | 'ANTHROPIC_API_KEY'
  | 'ANTHROPIC_BASE_URL'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_API_KEY'
  | 'LLM_MODEL'
  | 'PROMETHEUS_URL'
  | 'PUNCHINGFIST_HTTP_CHECK_HOSTS'
  | 'PUNCHINGFIST_RUNBOOK_DIR'
>;

/** anthropic when ANTHROPIC_API_KEY is set, else openai when OPENAI_BASE_URL is, else none. */
export function defaultLlmProvider(config: LlmConfig): LlmProvider {
  if (config.ANTHROPIC_API_KEY !== undefined) return 'anthropic';
  return config.OPENAI_BASE_URL === undefined ? 'none' : 'openai';
}

export interface LlmChoice {
  readonly model?: string | undefined;
  readonly endpoint?: string | undefined;
}

export function openLlm(
  config: LlmConfig,
  provider: Exclude<LlmProvider, 'none'>,
  choice: LlmChoice = {},
): { llm: LlmPort; model: string } {
  const model = choice.model ?? config.LLM_MODEL ?? defaultModels[provider];
  if (provider === 'anthropic') {
    if (config.ANTHROPIC_API_KEY === undefined) {
      throw new AppError(
        'config_invalid',
        'the anthropic provider needs ANTHROPIC_API_KEY (or use --llm none)',
      );
    }
    const baseURL = choice.endpoint ?? config.ANTHROPIC_BASE_URL;
    const client = new Anthropic({
      apiKey: config.ANTHROPIC_API_KEY,
      maxRetries: 2,
      ...(baseURL === undefined ? {} : { baseURL }),
    });
    return { llm: createAnthropicLlm(client), model };
  }
  const baseUrl = choice.endpoint ?? config.OPENAI_BASE_URL;
  if (baseUrl === undefined) {
    throw new AppError(
      'config_invalid',
      'the openai provider needs OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) or the Workflow runtime endpoint',
    );
  }
  return {
    llm: createOpenAiLlm({
      baseUrl,
      ...(config.OPENAI_API_KEY === undefined ? {} : { apiKey: config.OPENAI_API_KEY }),
    }),
    model,
  };
}

export interface AgentRuntimeDeps {
  readonly cluster: ClusterPort;
  readonly clock: Clock;
  readonly registry?: Registry;
  readonly httpAllowedHosts?: readonly string[];
  readonly runbookDir?: string;
}

/** What the worker's agent steps need: providers on demand, the tools' dependencies, the metrics. */
export function createAgentRuntime(config: LlmConfig, deps: AgentRuntimeDeps): AgentRuntime {
  const prometheus =
    config.PROMETHEUS_URL === undefined
      ? undefined
      : createPrometheusClient({ baseUrl: config.PROMETHEUS_URL });
  return {
    llm: (provider, runtime: Runtime) =>
      openLlm(config, provider, { model: runtime.model, endpoint: runtime.endpoint }),
    tools: {
      cluster: deps.cluster,
      clock: deps.clock,
      prometheus,
      httpAllowedHosts: deps.httpAllowedHosts ?? config.PUNCHINGFIST_HTTP_CHECK_HOSTS,
      runbookDir: deps.runbookDir ?? config.PUNCHINGFIST_RUNBOOK_DIR,
    },
    metrics: deps.registry === undefined ? undefined : createAgentMetrics(deps.registry),
  };
}
