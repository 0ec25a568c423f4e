import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentTool, AgentToolContext } from '../tools/tool.ts';
import { ToolRunner } from './tool-runner.ts';

/** A tool that answers with 3,000 identical lines and records the context it was given. */
function chattyTool(seen: AgentToolContext[]): AgentTool {
  return {
    name: 'chatty',
    description: 'repeats itself',
    input: z.strictObject({}),
    async run(_input, context) {
      seen.push(context);
      return { text: Array.from({ length: 3_000 }, () => 'same line again').join('\n') };
    },
  };
}

const call = { type: 'tool_use' as const, id: 'toolu_1', name: 'chatty', input: {} };
const signal = new AbortController().signal;

describe('ToolRunner compaction switch', () => {
  it('compacts and caps by default, and tells the tool compaction is on', async () => {
    const seen: AgentToolContext[] = [];
    const runner = new ToolRunner({ tools: [chattyTool(seen)], progress: () => {} });
    const [result] = await runner.runAll([call], signal);
    expect(result?.text).toContain('same line again  [×3000]');
    expect(result?.text.length).toBeLessThan(200);
    expect(seen[0]?.compaction).toBe(true);
  });

  it('with compaction off, hands the raw output over (still fenced) and tells the tool', async () => {
    const seen: AgentToolContext[] = [];
    const runner = new ToolRunner({
      tools: [chattyTool(seen)],
      progress: () => {},
      compaction: false,
    });
    const [result] = await runner.runAll([call], signal);
    expect(result?.text.split('\n').filter((l) => l === 'same line again')).toHaveLength(3_000);
    expect(result?.text).toMatch(/^<untrusted-data source="chatty">\n/);
    expect(seen[0]?.compaction).toBe(false);
  });
});
