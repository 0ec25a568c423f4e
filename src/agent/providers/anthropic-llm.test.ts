import { describe, expect, it } from 'vitest';
import { toMessages } from './anthropic-llm.ts';

describe('Anthropic messages', () => {
  it('marks only the last block of the conversation as a cache breakpoint', () => {
    const messages = toMessages([
      { role: 'user', content: [{ type: 'text', text: 'why?' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'logs', input: { pod: 'a' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolUseId: 't1', text: 'boom', isError: false },
          { type: 'text', text: 'and?' },
        ],
      },
    ]);
    const marked = messages.flatMap((m) =>
      typeof m.content === 'string'
        ? []
        : m.content.filter((b) => 'cache_control' in b && b.cache_control !== undefined),
    );
    expect(marked).toEqual([{ type: 'text', text: 'and?', cache_control: { type: 'ephemeral' } }]);
    expect(messages[2]?.content).toContainEqual({
      type: 'tool_result',
      tool_use_id: 't1',
      content: 'boom',
      is_error: false,
    });
  });
});
