import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiLlm, fromCompletion } from '../../src/agent/providers/openai-llm.ts';
import { chatCompletionSchema } from '../../src/agent/providers/openai-wire.ts';
import { isAppError } from '../../src/core/errors.ts';
import { createOpenAiFake, type OpenAiFake } from '../fakes/openai/index.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/openai', name), 'utf8'));

/** The keys of a JSON value, recursively (array items by their first element). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (typeof v !== 'object' || v === null) return typeof v;
  return Object.fromEntries(
    Object.entries(v)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => [k, shape(x)]),
  );
}

const tool = {
  name: 'logs',
  description: 'Container logs',
  inputSchema: { type: 'object', properties: { pod: { type: 'string' } } },
};

describe('OpenAI-compatible fake and adapter', () => {
  let fake: OpenAiFake;
  beforeEach(async () => {
    fake = await createOpenAiFake({ apiKey: 'sk-local' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('the adapter reads recorded answers: tool calls, text, cached tokens', () => {
    const calls = fromCompletion(
      chatCompletionSchema.parse(fixture('chat-completion-tool-calls.json')),
    );
    expect(calls.stopReason).toBe('tool_use');
    expect(calls.content).toEqual([
      {
        type: 'tool_use',
        id: 'call_d1k2lq0x',
        name: 'logs',
        input: { namespace: 'shop', pod: 'web-6c9a1e-x', previous: true },
      },
    ]);
    const text = fromCompletion(chatCompletionSchema.parse(fixture('chat-completion-text.json')));
    expect(text.stopReason).toBe('end_turn');
    expect(text.usage).toEqual({
      inputTokens: 266,
      outputTokens: 12,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
    });
  });

  it('a tool round trip goes through the adapter and the fake', async () => {
    fake.script([
      { toolCalls: [{ name: 'logs', arguments: { pod: 'web-1' } }] },
      { content: 'done' },
    ]);
    const llm = createOpenAiLlm({ baseUrl: fake.url, apiKey: 'sk-local' });
    const base = { model: 'qwen2.5:7b', system: 'You investigate.', tools: [tool], maxTokens: 256 };
    const first = await llm.complete({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'why?' }] }],
    });
    expect(first.content).toEqual([
      { type: 'tool_use', id: 'call_1_0', name: 'logs', input: { pod: 'web-1' } },
    ]);
    const texts: string[] = [];
    const second = await llm.complete({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'why?' }] },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'call_1_0', text: 'OOMKilled', isError: false },
          ],
        },
      ],
      onText: (t) => texts.push(t),
    });
    expect(second.stopReason).toBe('end_turn');
    expect(texts).toEqual(['done']);
    const sent = fake.requests[1]?.params;
    expect(sent?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(sent?.tools?.[0]?.function.name).toBe('logs');
  });

  it('answers a tool call in the recorded wire shape', async () => {
    fake.script([{ toolCalls: [{ name: 'logs', arguments: { pod: 'web-1' } }] }]);
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-local', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
    expect(shape(await res.json())).toEqual(shape(fixture('chat-completion-tool-calls.json')));
  });

  it('maps a wrong key to unauthorized and an unreachable endpoint to upstream_unavailable', async () => {
    const base = {
      model: 'm',
      system: 's',
      tools: [],
      maxTokens: 10,
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'x' }] }],
    };
    const wrong = await createOpenAiLlm({ baseUrl: fake.url, apiKey: 'nope' })
      .complete(base)
      .catch((e: unknown) => e);
    expect(isAppError(wrong, 'unauthorized')).toBe(true);
    const gone = await createOpenAiLlm({ baseUrl: 'http://127.0.0.1:1/v1' })
      .complete(base)
      .catch((e: unknown) => e);
    expect(isAppError(gone, 'upstream_unavailable')).toBe(true);
  });
});
