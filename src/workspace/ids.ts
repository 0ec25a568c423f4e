// Deterministic identifiers and message timestamps, one source per workspace.

export interface IdSource {
  /** A Slack-style id: the prefix (`F`, `Ev`, ...) and ten upper-case base-36 digits. */
  next(prefix: string): string;
  /** A short block id like those Slack assigns to blocks sent without one. */
  blockId(): string;
  /** A trigger id in Slack's `digits.digits.hex` form. */
  triggerId(): string;
  /** A UUID-shaped client message id. */
  clientMsgId(): string;
}

export function createIdSource(): IdSource {
  let counter = 0;
  const bump = (): number => {
    counter += 1;
    return counter;
  };
  return {
    next: (prefix) => `${prefix}${bump().toString(36).toUpperCase().padStart(10, '0')}`,
    blockId: () => `b${bump().toString(36).padStart(4, '0')}`,
    triggerId: () => {
      const n = bump();
      return `${1_000_000 + n}.${2_000_000 + n}.${n.toString(16).padStart(32, '0')}`;
    },
    clientMsgId: () => `00000000-0000-4000-8000-${bump().toString(16).padStart(12, '0')}`,
  };
}

/**
 * Slack message timestamps: `seconds.micro` strings, unique and increasing within a
 * workspace. The six digits after the dot are a sequence, so two messages posted in the
 * same second still differ and sort in posting order.
 */
export function createTsSource(now: () => number): () => string {
  let lastSeconds = 0;
  let sequence = 0;
  return () => {
    const seconds = Math.max(Math.floor(now() / 1000), lastSeconds);
    sequence = seconds === lastSeconds ? sequence + 1 : 1;
    lastSeconds = seconds;
    return `${seconds}.${String(sequence).padStart(6, '0')}`;
  };
}
