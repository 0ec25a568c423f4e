import { describe, expect, it } from 'vitest';
import { createAgentProgress, spinnerFrames, type Ticker } from './agent-progress.ts';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

function manualTicker() {
  const state: { tick?: () => void; cleared: boolean } = { cleared: false };
  const ticker: Ticker = {
    setInterval: (tick) => {
      state.tick = tick;
      return 'handle';
    },
    clearInterval: (handle) => {
      state.cleared = handle === 'handle';
    },
  };
  return { ticker, state };
}

describe('createAgentProgress', () => {
  it('on a terminal, rewrites one spinner line with the current tool, then clears it', () => {
    const { stream, written } = sink(true);
    const { ticker, state } = manualTicker();
    let clock = 0;
    const progress = createAgentProgress(stream, { ticker, now: () => clock });
    progress.update('tools: describe, logs');
    progress.update('logs shop/web-1 --previous');
    clock = 2_400;
    state.tick?.();
    progress.stop();
    progress.update('after the end');
    expect(written).toEqual([
      `\r\x1b[2K${spinnerFrames[0]} tools: describe, logs (0s)`,
      `\r\x1b[2K${spinnerFrames[0]} logs shop/web-1 --previous (0s)`,
      `\r\x1b[2K${spinnerFrames[1]} logs shop/web-1 --previous (2s)`,
      '\r\x1b[2K',
    ]);
    expect(state.cleared).toBe(true);
  });

  it('keeps the spinner on one line: newlines and escapes in a thought are flattened, long text cut', () => {
    const { stream, written } = sink(true);
    const { ticker } = manualTicker();
    const progress = createAgentProgress(stream, { ticker, now: () => 0, columns: 40 });
    progress.update('thinking: first line\n\x1b[31msecond line that goes on and on and on');
    const line = written[0] ?? '';
    const text = line.slice('\r\u001b[2K'.length);
    expect(text.includes('\n') || text.includes('\u001b')).toBe(false);
    expect(text).toContain('thinking: first line [31m');
    expect(line).toMatch(/… \(0s\)$/);
  });

  it('writes plain lines when stderr is not a terminal, with no timer', () => {
    const { stream, written } = sink(false);
    const progress = createAgentProgress(stream);
    progress.update('describe Deployment/shop/web');
    progress.update('agent stopped: budget');
    progress.stop();
    expect(written).toEqual(['  → describe Deployment/shop/web\n', '  → agent stopped: budget\n']);
  });
});
