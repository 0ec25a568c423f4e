import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnthropicFake, createAnthropicFake, tokensOf } from '../fakes/anthropic/index.ts';

const MODEL = 'claude-sonnet-4-6';
const RUNBOOK = 'When a pod crash-loops, read its previous logs before its events. '.repeat(80);
const systemBlock = { type: 'text' as const, text: RUNBOOK };
const cachedSystem = [{ ...systemBlock, cache_control: { type: 'ephemeral' as const } }];
const reply = { content: [{ type: 'text' as const, text: 'Looking.' }] };

function userTurn(text: string): Anthropic.MessageParam {
  return { role: 'user', content: [{ type: 'text', text }] };
}

describe('Anthropic fake, usage and prompt caching', () => {
  let fake: AnthropicFake;
  let client: Anthropic;
  let clock = 0;

  async function start(options: { minCacheableTokens?: number } = {}): Promise<void> {
    clock = 1_000_000;
    fake = await createAnthropicFake({ ...options, now: () => clock });
    fake.respond(() => reply);
    client = new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: fake.url, maxRetries: 0 });
  }

  const ask = (
    messages: Anthropic.MessageParam[],
    system: Anthropic.TextBlockParam[] = cachedSystem,
  ) => client.messages.create({ model: MODEL, max_tokens: 1024, system, messages });

  afterEach(async () => {
    await fake.close();
  });

  it('counts input and output tokens deterministically from the request and the turn', async () => {
    await start();
    const question = userTurn('Why is cart-7d9 crash-looping?');

    const message = await ask([question], [systemBlock]);

    expect(message.usage).toMatchObject({
      input_tokens: tokensOf(systemBlock) + tokensOf(question.content[0]),
      output_tokens: tokensOf('Looking.'),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('writes a cached system prompt on first sight and reads it on the next request', async () => {
    await start();

    const first = await ask([userTurn('Why is cart-7d9 crash-looping?')]);
    const second = await ask([userTurn('And checkout-5f2?')]);

    expect(tokensOf(systemBlock)).toBeGreaterThan(1024);
    expect(first.usage.cache_creation_input_tokens).toBe(tokensOf(systemBlock));
    expect(first.usage.cache_creation?.ephemeral_5m_input_tokens).toBe(tokensOf(systemBlock));
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(tokensOf(systemBlock));
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(tokensOf({ type: 'text', text: 'And checkout-5f2?' }));
  });

  it('reads the cached prefix of an agent loop and writes only what the loop added', async () => {
    await start();
    const question = {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'Why?', cache_control: { type: 'ephemeral' as const } },
      ],
    };
    const first = await ask([question]);

    const toolResult = {
      type: 'tool_result' as const,
      tool_use_id: 'toolu_1',
      content: 'OOMKilled',
    };
    const second = await ask([
      userTurn('Why?'),
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_pod_logs', input: {} }],
      },
      { role: 'user', content: [{ ...toolResult, cache_control: { type: 'ephemeral' } }] },
    ]);

    const added =
      tokensOf({ type: 'tool_use', id: 'toolu_1', name: 'get_pod_logs', input: {} }) +
      tokensOf(toolResult);
    expect(first.usage.cache_creation_input_tokens).toBe(
      tokensOf(systemBlock) + tokensOf({ type: 'text', text: 'Why?' }),
    );
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(added);
    expect(second.usage.input_tokens).toBe(0);
  });

  it('does not cache a prefix shorter than the minimum', async () => {
    await start();
    const shortSystem = [
      { type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } },
    ];

    await ask([userTurn('Hi')], shortSystem);
    const second = await ask([userTurn('Hi')], shortSystem);

    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(
      tokensOf({ type: 'text', text: 'Be brief.' }) + tokensOf({ type: 'text', text: 'Hi' }),
    );
  });

  it('lets a cache entry expire after its 5 minute TTL', async () => {
    await start();

    await ask([userTurn('Why?')]);
    clock += 5 * 60_000 + 1;
    const afterExpiry = await ask([userTurn('Why?')]);

    expect(afterExpiry.usage.cache_read_input_tokens).toBe(0);
    expect(afterExpiry.usage.cache_creation_input_tokens).toBe(tokensOf(systemBlock));
  });

  it('reports the same usage when streaming as without', async () => {
    await start({ minCacheableTokens: 0 });
    const plain = await ask([userTurn('Why?')]);

    const streamed = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 1024,
        system: cachedSystem,
        messages: [userTurn('Why?')],
      })
      .finalMessage();

    expect(streamed.usage).toMatchObject({
      input_tokens: plain.usage.input_tokens,
      output_tokens: plain.usage.output_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: plain.usage.cache_creation_input_tokens,
    });
  });
});
