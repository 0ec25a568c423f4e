import { describe, expect, it } from 'vitest';
import { noUsage } from '../../core/agent/llm.ts';
import { exhausted, turnMaxTokens } from './budget.ts';
import { costOf } from './pricing.ts';

const budgets = {
  maxIterations: 5,
  maxInputTokens: 10_000,
  maxOutputTokens: 2_000,
  timeoutMs: 60_000,
};
const spent = (
  over: Partial<{
    iterations: number;
    elapsedMs: number;
    input: number;
    cached: number;
    output: number;
  }>,
) => ({
  iterations: over.iterations ?? 0,
  elapsedMs: over.elapsedMs ?? 0,
  usage: {
    ...noUsage,
    inputTokens: over.input ?? 0,
    cacheReadTokens: over.cached ?? 0,
    outputTokens: over.output ?? 0,
  },
});

describe('agent budgets', () => {
  it('names the budget that ran out, counting cached input tokens too', () => {
    expect(exhausted(budgets, spent({}))).toBeUndefined();
    expect(exhausted(budgets, spent({ input: 4_000, cached: 6_000 }))).toBe('input_tokens');
    expect(exhausted(budgets, spent({ output: 2_000 }))).toBe('output_tokens');
    expect(exhausted(budgets, spent({ iterations: 5 }))).toBe('max_iterations');
    expect(exhausted(budgets, spent({ elapsedMs: 60_000, iterations: 5 }))).toBe('timeout');
  });

  it('never asks a turn for more output tokens than are left', () => {
    expect(turnMaxTokens(budgets, spent({}))).toBe(2_000);
    expect(turnMaxTokens(budgets, spent({ output: 1_900 }))).toBe(100);
  });

  it('prices tokens by model prefix; unknown (local) models cost nothing', () => {
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      cacheReadTokens: 1_000_000,
      cacheWriteTokens: 0,
    };
    expect(costOf('claude-sonnet-4-6', usage)).toBeCloseTo(3 + 1.5 + 0.3);
    expect(costOf('qwen2.5:7b', usage)).toBe(0);
    expect(
      costOf('my-model', usage, { 'my-': { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 } }),
    ).toBeCloseTo(1.1);
  });
});
