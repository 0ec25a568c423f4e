/**
 * The fake's token counter: deterministic, additive, and close enough to a
 * real tokenizer for budgets and benchmarks to compare runs. A value costs
 * ceil(UTF-8 bytes of its JSON / 4); a string costs its own bytes / 4.
 */
const BYTES_PER_TOKEN = 4;

export function tokensOf(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}

export type OutputBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly name: string; readonly input: unknown };

/** Output tokens of a reply: its texts, tool names and tool inputs. Never 0, as in the real API. */
export function outputTokensOf(blocks: readonly OutputBlock[]): number {
  const total = blocks.reduce(
    (sum, block) =>
      sum +
      (block.type === 'text' ? tokensOf(block.text) : tokensOf(block.name) + tokensOf(block.input)),
    0,
  );
  return Math.max(1, total);
}
