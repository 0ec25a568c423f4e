import Anthropic from '@anthropic-ai/sdk';
import { Registry } from 'prom-client';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createAgentMetrics } from '../../src/agent/loop/agent-metrics.ts';
import type { AgentBudgets } from '../../src/agent/loop/budget.ts';
import { type AgentDeps, runAgent } from '../../src/agent/loop/run-agent.ts';
import { createAnthropicLlm } from '../../src/agent/providers/anthropic-llm.ts';
import { createAgentTools } from '../../src/agent/tools/index.ts';
import type { Report } from '../../src/core/investigation/report.ts';
import { systemClock } from '../../src/core/ports.ts';
import {
  type AnthropicFake,
  createAnthropicFake,
  type RequestContentBlock,
} from '../fakes/anthropic/index.ts';
import type { Kube } from './kube.ts';

/** The agent wired as serve wires it, with the real SDK pointed at the Anthropic fake and real tools on the test cluster. */
export interface AgentHarness {
  readonly fake: AnthropicFake;
  readonly registry: Registry;
  readonly progress: string[];
  deps(budgets?: Partial<AgentBudgets>): AgentDeps;
  investigate(
    target: string,
    seed: Report | undefined,
    budgets?: Partial<AgentBudgets>,
    trigger?: string,
  ): ReturnType<typeof runAgent>;
  close(): Promise<void>;
}

export const MODEL = 'claude-sonnet-4-6';

export async function startAgentHarness(k: Kube): Promise<AgentHarness> {
  const fake = await createAnthropicFake({ minCacheableTokens: 256 });
  const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 });
  const registry = new Registry();
  const metrics = createAgentMetrics(registry);
  const progress: string[] = [];
  const deps = (budgets: Partial<AgentBudgets> = {}): AgentDeps => ({
    llm: createAnthropicLlm(client),
    model: MODEL,
    tools: createAgentTools({ cluster: createKubeCluster(k.kc), clock: systemClock }),
    clock: systemClock,
    budgets: {
      maxIterations: 8,
      maxInputTokens: 300_000,
      maxOutputTokens: 20_000,
      timeoutMs: 60_000,
      ...budgets,
    },
    metrics,
    progress: (m) => progress.push(m),
  });
  return {
    fake,
    registry,
    progress,
    deps,
    investigate: (target, seed, budgets, trigger) =>
      runAgent(deps(budgets), {
        target,
        question: `Investigate ${target}: what is wrong and why?`,
        seed,
        ...(trigger === undefined ? {} : { trigger }),
      }),
    close: () => fake.close(),
  };
}

/** The text of every tool_result the model was sent in request `index`. */
export function toolResultsSent(
  fake: AnthropicFake,
  index: number,
): { text: string; isError: boolean }[] {
  const messages = fake.requests[index]?.params?.messages ?? [];
  return messages.flatMap((m) =>
    typeof m.content === 'string'
      ? []
      : m.content.flatMap((b: RequestContentBlock) =>
          b.type === 'tool_result'
            ? [
                {
                  text: typeof b.content === 'string' ? b.content : JSON.stringify(b.content),
                  isError: b.is_error === true,
                },
              ]
            : [],
        ),
  );
}

export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as {
    labels: Record<string, string | number>;
    value: number;
  }[];
  return values
    .filter((v) => Object.entries(labels).every(([k, x]) => String(v.labels[k]) === x))
    .reduce((sum, v) => sum + v.value, 0);
}
