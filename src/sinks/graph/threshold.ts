/**
 * An alert rule is usually `metric > threshold`. Graphing that expression
 * shows only the points above the threshold, so the graph plots the left
 * side and draws the threshold as a line. Anything else (two series
 * compared, `and`/`or`/`unless`, `bool`) is graphed as written.
 */
export interface GraphQuery {
  /** What is range-queried. */
  readonly query: string;
  /** The threshold of a top-level `expr OP number`, drawn as a line. */
  readonly threshold?: { readonly operator: string; readonly value: number };
}

const comparison = /(==|!=|>=|<=|>|<)/g;
const number = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const setOperator = /\b(and|or|unless)\b/i;

export function splitThreshold(expression: string): GraphQuery {
  const masked = topLevel(expression);
  const matches = [...masked.matchAll(comparison)];
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only === undefined || setOperator.test(masked)) return { query: expression };
  const left = expression.slice(0, only.index).trim();
  const right = expression.slice(only.index + only[0].length).trim();
  if (left === '' || !number.test(right)) return { query: expression };
  return { query: left, threshold: { operator: only[0], value: Number(right) } };
}

/** The expression with everything inside (), {}, [] and quotes blanked, lengths kept. */
export function topLevel(expression: string): string {
  const state: Scan = { depth: 0, quote: undefined, escaped: false };
  return expression
    .split('')
    .map((ch) => (step(state, ch) ? ch : ' '))
    .join('');
}

interface Scan {
  depth: number;
  quote: string | undefined;
  escaped: boolean;
}

/** Advances the scan by one character; true when that character is at the top level. */
function step(state: Scan, ch: string): boolean {
  if (state.quote !== undefined) {
    if (state.escaped) state.escaped = false;
    else if (ch === '\\') state.escaped = true;
    else if (ch === state.quote) state.quote = undefined;
    return false;
  }
  if (ch === '"' || ch === "'" || ch === '`') {
    state.quote = ch;
    return false;
  }
  if ('([{'.includes(ch)) state.depth++;
  if (')]}'.includes(ch)) {
    state.depth = Math.max(0, state.depth - 1);
    return false;
  }
  return state.depth === 0;
}
