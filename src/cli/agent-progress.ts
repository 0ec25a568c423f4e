import type { ErrorStream } from './progress-display.ts';

/**
 * The agent's live progress on stderr. On a terminal: one spinner line,
 * rewritten in place with the current step or tool ("logs shop/web-1
 * --previous") and the elapsed seconds, cleared when the agent ends.
 * Otherwise (a pipe, CI): one plain line per step.
 */
export interface AgentProgress {
  readonly update: (message: string) => void;
  /** Clears the spinner line (a terminal) and stops its timer. */
  readonly stop: () => void;
}

export interface Ticker {
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AgentProgressOptions {
  readonly now?: () => number;
  readonly ticker?: Ticker;
  readonly intervalMs?: number;
  /** Terminal width; the line is cut to fit. */
  readonly columns?: number;
}

export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

const nodeTicker: Ticker = {
  setInterval: (tick, ms) => setInterval(tick, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** One line, no control characters a log line or a model's thought could carry. */
function oneLine(text: string, width: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, Math.max(0, width - 1))}…` : flat;
}

function plain(stream: ErrorStream): AgentProgress {
  return {
    update: (message) => stream.write(`  → ${oneLine(message, 500)}\n`),
    stop: () => undefined,
  };
}

export function createAgentProgress(
  stream: ErrorStream,
  options: AgentProgressOptions = {},
): AgentProgress {
  if (stream.isTTY !== true) return plain(stream);
  const now = options.now ?? Date.now;
  const ticker = options.ticker ?? nodeTicker;
  const started = now();
  const width = Math.max(20, (options.columns ?? 80) - 12);
  let frame = 0;
  let current = 'starting the agent';
  const draw = () => {
    const seconds = Math.floor((now() - started) / 1000);
    const glyph = spinnerFrames[frame % spinnerFrames.length] ?? '*';
    stream.write(`\r\x1b[2K${glyph} ${oneLine(current, width)} (${seconds}s)`);
  };
  const handle = ticker.setInterval(() => {
    frame += 1;
    draw();
  }, options.intervalMs ?? 100);
  let stopped = false;
  return {
    update(message) {
      if (stopped) return;
      current = message;
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      ticker.clearInterval(handle);
      stream.write('\r\x1b[2K');
    },
  };
}
