import type { LlmUsage } from '../../core/agent/llm.ts';

/**
 * US dollars per million tokens, by model name prefix (the longest matching
 * prefix wins). List prices; a deployment may pass its own table. Models
 * not in the table (a local Ollama model) cost 0.
 */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

export const defaultPrices: PriceTable = {
  'claude-opus-4': { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  'claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'claude-3-7-sonnet': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
};

export function priceOf(model: string, table: PriceTable = defaultPrices): ModelPrice | undefined {
  const match = Object.keys(table)
    .filter((prefix) => model.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : table[match];
}

export function costOf(model: string, usage: LlmUsage, table: PriceTable = defaultPrices): number {
  const p = priceOf(model, table);
  if (p === undefined) return 0;
  const dollars =
    usage.inputTokens * p.input +
    usage.outputTokens * p.output +
    usage.cacheReadTokens * p.cacheRead +
    usage.cacheWriteTokens * p.cacheWrite;
  return dollars / 1_000_000;
}
