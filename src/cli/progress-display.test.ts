import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from './progress-display.ts';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('createProgressDisplay', () => {
  it('writes one plain line per finished step when stderr is not a terminal', () => {
    const { stream, written } = sink(false);
    const display = createProgressDisplay(stream);
    display.onProgress({ step: 'resolve', phase: 'start', label: 'finding deploy/web' });
    display.onProgress({
      step: 'resolve',
      phase: 'done',
      label: 'finding deploy/web',
      detail: 'Deployment/shop/web',
      elapsedMs: 4,
    });
    display.onProgress({
      step: 'gather',
      phase: 'failed',
      label: 'reading objects',
      detail: 'connection refused',
      elapsedMs: 9,
    });
    expect(written).toEqual([
      'investigate: finding deploy/web: Deployment/shop/web (4ms)\n',
      'investigate: reading objects: failed — connection refused (9ms)\n',
    ]);
  });

  it('shows a running step on a terminal, then rewrites its line when it ends', () => {
    const { stream, written } = sink(true);
    const display = createProgressDisplay(stream);
    display.onProgress({ step: 'analyze', phase: 'start', label: 'running the analyzers' });
    display.onProgress({
      step: 'analyze',
      phase: 'done',
      label: 'running the analyzers',
      detail: '2 findings',
      elapsedMs: 1,
    });
    expect(written).toEqual([
      '… running the analyzers',
      '\r\x1b[2K✓ running the analyzers: 2 findings (1ms)\n',
    ]);
  });
});
