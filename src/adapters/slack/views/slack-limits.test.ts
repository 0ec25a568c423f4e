import { describe, expect, it } from 'vitest';
import { codeBlock, splitText, truncate } from './slack-limits.ts';

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('root cause: bad image', 3000)).toEqual(['root cause: bad image']);
  });

  it('cuts long text into chunks within the limit at line boundaries, losing no word', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `log line ${i} connection refused`);
    const chunks = splitText(lines.join('\n'), 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(3000);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });

  it('cuts a word longer than the limit rather than overflowing', () => {
    const chunks = splitText('x'.repeat(7000), 3000);
    expect(chunks.map((c) => c.length)).toEqual([3000, 3000, 1000]);
  });
});

describe('truncate and codeBlock', () => {
  it('marks cut text with an ellipsis and keeps the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('fits a code block, fences included, within the limit', () => {
    const block = codeBlock('y'.repeat(5000), 3000);
    expect(block.length).toBeLessThanOrEqual(3000);
    expect(block.startsWith('```\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
  });
});
