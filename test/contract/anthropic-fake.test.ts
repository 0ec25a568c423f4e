import Anthropic, { BadRequestError, InternalServerError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicFake, createAnthropicFake } from '../fakes/anthropic/index.ts';

const API_KEY = 'sk-ant-test-key';
const MODEL = 'claude-sonnet-4-6';

const podLogsTool: Anthropic.Tool = {
  name: 'get_pod_logs',
  description: "Tail a pod's logs.",
  input_schema: {
    type: 'object',
    properties: {
      namespace: { type: 'string' },
      pod: { type: 'string' },
      tail: { type: 'integer' },
    },
    required: ['namespace', 'pod'],
  },
  cache_control: { type: 'ephemeral' },
};

const question: Anthropic.MessageParam = {
  role: 'user',
  content: 'Why is cart-7d9 crash-looping?',
};

describe('Anthropic fake, driven by the real SDK', () => {
  let fake: AnthropicFake;
  let client: Anthropic;

  beforeEach(async () => {
    fake = await createAnthropicFake();
    client = new Anthropic({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('answers messages.create with a tool_use block whose input the SDK parses', async () => {
    fake.script([
      {
        content: [
          { type: 'text', text: 'Let me read its logs.' },
          {
            type: 'tool_use',
            id: 'toolu_logs1',
            name: 'get_pod_logs',
            input: { namespace: 'shop', pod: 'cart-7d9', tail: 50 },
          },
        ],
      },
    ]);

    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [podLogsTool],
      messages: [question],
    });

    expect(message.id).toMatch(/^msg_[A-Za-z0-9]{24}$/);
    expect(message.model).toBe(MODEL);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me read its logs.' },
      {
        type: 'tool_use',
        id: 'toolu_logs1',
        name: 'get_pod_logs',
        input: { namespace: 'shop', pod: 'cart-7d9', tail: 50 },
        caller: { type: 'direct' },
      },
    ]);
  });

  it('answers the turn carrying the tool_result with the final text', async () => {
    fake.script([
      {
        content: [
          {
            type: 'tool_use',
            id: 'toolu_logs1',
            name: 'get_pod_logs',
            input: { namespace: 'shop', pod: 'cart-7d9' },
          },
        ],
      },
      { content: [{ type: 'text', text: 'cart-7d9 is OOMKilled: its limit is 128Mi.' }] },
    ]);
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [podLogsTool],
      messages: [question],
    });

    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [podLogsTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_logs1', content: 'OOMKilled (exit 137)' },
          ],
        },
      ],
    });

    expect(second.content).toEqual([
      { type: 'text', text: 'cart-7d9 is OOMKilled: its limit is 128Mi.' },
    ]);
    expect(second.stop_reason).toBe('end_turn');
    expect(fake.requests.map((request) => request.status)).toEqual([200, 200]);
    expect(fake.pendingTurns).toBe(0);
  });

  it('streams text deltas in order and a final message with the whole tool input', async () => {
    const input = { namespace: 'shop', pod: 'cart-7d9', tail: 200 };
    fake.script([
      {
        content: [
          { type: 'text', text: 'Checking the logs of cart-7d9.' },
          { type: 'tool_use', id: 'toolu_logs2', name: 'get_pod_logs', input },
        ],
      },
    ]);

    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 1024,
      tools: [podLogsTool],
      messages: [question],
    });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();

    expect(deltas).toEqual(['Checking the', ' logs of car', 't-7d9.']);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking the logs of cart-7d9.' },
      {
        type: 'tool_use',
        id: 'toolu_logs2',
        name: 'get_pod_logs',
        input,
        caller: { type: 'direct' },
      },
    ]);
    expect(fake.requests[0]?.params?.stream).toBe(true);
  });

  it('reports the scripted stop_reason and usage overrides, streamed or not', async () => {
    const turn = {
      content: [{ type: 'text' as const, text: 'The pod restarted 14 times and' }],
      stopReason: 'max_tokens' as const,
      usage: { inputTokens: 5000, outputTokens: 16 },
    };
    fake.script([turn, turn]);

    const plain = await client.messages.create({
      model: MODEL,
      max_tokens: 16,
      messages: [question],
    });
    const streamed = await client.messages
      .stream({ model: MODEL, max_tokens: 16, messages: [question] })
      .finalMessage();

    for (const message of [plain, streamed]) {
      expect(message.stop_reason).toBe('max_tokens');
      expect(message.usage).toMatchObject({ input_tokens: 5000, output_tokens: 16 });
    }
  });

  it('records the headers, tools and cache_control markers the client sent', async () => {
    fake.script([{ content: [{ type: 'text', text: 'ok' }] }]);

    await client.messages.create(
      {
        model: MODEL,
        max_tokens: 512,
        system: [
          {
            type: 'text',
            text: 'You are the on-call assistant.',
            cache_control: { type: 'ephemeral', ttl: '1h' },
          },
        ],
        tools: [podLogsTool],
        tool_choice: { type: 'auto' },
        messages: [question],
      },
      { headers: { 'anthropic-beta': 'token-efficient-tools-2025-02-19' } },
    );

    const [recorded] = fake.requests;
    expect(recorded?.path).toBe('/v1/messages');
    // SDK 1.x sends the key as a bearer token, not as x-api-key.
    expect(recorded?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(recorded?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(recorded?.headers['anthropic-beta']).toBe('token-efficient-tools-2025-02-19');
    expect(recorded?.body).toMatchObject({ tools: [podLogsTool], tool_choice: { type: 'auto' } });
    expect(recorded?.params?.system).toEqual([
      {
        type: 'text',
        text: 'You are the on-call assistant.',
        cache_control: { type: 'ephemeral', ttl: '1h' },
      },
    ]);
  });

  it('answers a tool_result without a matching tool_use with 400 invalid_request_error', async () => {
    fake.script([{ content: [{ type: 'text', text: 'never sent' }] }]);

    const error = await client.messages
      .create({
        model: MODEL,
        max_tokens: 1024,
        messages: [
          question,
          { role: 'assistant', content: 'Let me look.' },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_missing', content: 'logs' }],
          },
        ],
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BadRequestError);
    const badRequest = error as BadRequestError;
    expect(badRequest.status).toBe(400);
    expect(badRequest.type).toBe('invalid_request_error');
    expect(badRequest.apiMessage).toBe(
      'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_missing. ' +
        'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    );
    expect(fake.requests[0]?.params).toBeUndefined();
    expect(fake.pendingTurns).toBe(1);
  });

  it('answers a tool_use left without its tool_result with 400 naming the message', async () => {
    const error = await client.messages
      .create({
        model: MODEL,
        max_tokens: 1024,
        messages: [
          question,
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_open', name: 'get_pod_logs', input: {} }],
          },
          { role: 'user', content: 'Any news?' },
        ],
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).apiMessage).toMatch(
      /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_open\./,
    );
  });

  it('answers a body that breaks the schema with 400 naming the field', async () => {
    const error = await client.messages
      .create({ model: MODEL, max_tokens: 0, messages: [question] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).apiMessage).toMatch(/^max_tokens: /);
    expect(fake.requests[0]?.status).toBe(400);
  });

  it('fails loudly, without retries, when the script is empty', async () => {
    const retrying = new Anthropic({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 2 });

    const error = await retrying.messages
      .create({ model: MODEL, max_tokens: 1024, messages: [question] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).apiMessage).toContain('no scripted turn left');
    expect(fake.requests).toHaveLength(1);
  });

  it('lets a responder play a model that always calls a tool', async () => {
    fake.respond((request) => ({
      content: [
        {
          type: 'tool_use',
          name: 'get_pod_logs',
          input: { namespace: 'shop', pod: `cart-${request.messages.length}` },
        },
      ],
    }));
    const messages: Anthropic.MessageParam[] = [question];
    const calls: unknown[] = [];

    for (let iteration = 0; iteration < 3; iteration += 1) {
      const reply = await client.messages.create({
        model: MODEL,
        max_tokens: 1024,
        tools: [podLogsTool],
        messages,
      });
      const toolUse = reply.content.find((block) => block.type === 'tool_use');
      if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
      calls.push({ id: toolUse.id, input: toolUse.input });
      messages.push(
        { role: 'assistant', content: reply.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'still crashing' }],
        },
      );
    }

    expect(calls).toEqual([
      { id: 'toolu_01Fake000000000000000001', input: { namespace: 'shop', pod: 'cart-1' } },
      { id: 'toolu_01Fake000000000000000002', input: { namespace: 'shop', pod: 'cart-3' } },
      { id: 'toolu_01Fake000000000000000003', input: { namespace: 'shop', pod: 'cart-5' } },
    ]);
  });
});
