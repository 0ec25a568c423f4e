import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AnthropicFake,
  createAnthropicFake,
  type ScriptedTurn,
} from '../fakes/anthropic/index.ts';
import { type Shape, shapeGaps, shapeOf } from '../fakes/anthropic/payload-shape.ts';
import {
  eventGrammar,
  parseJsonLines,
  parseSseTranscript,
  type TranscriptEvent,
} from '../fakes/anthropic/sse-transcript.ts';

/**
 * Pins the fake to payloads recorded from the real Messages API
 * (test/fixtures/anthropic/README.md says where each comes from): same keys,
 * same JSON types, same SSE framing and event order. Talks raw HTTP, so what
 * is compared is exactly what crossed the wire.
 */
const fixtureText = (name: string): string =>
  readFileSync(new URL(`../fixtures/anthropic/${name}`, import.meta.url), 'utf8');
const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(fixtureText(name)) as Record<string, unknown>;

const recordedMessage = fixtureJson('message-tool-use.json');
const recordedToolUse = (recordedMessage.content as Record<string, unknown>[])[0] ?? {};
const recordedInput = recordedToolUse.input as Record<string, unknown>;
const recordedStream = parseSseTranscript(fixtureText('stream-text-tool-use.sse'));
const recordedToolStream = parseJsonLines(fixtureText('stream-tool-use.jsonl'));

const ID = {
  message: /^msg_[A-Za-z0-9]{24}$/,
  toolUse: /^toolu_[A-Za-z0-9]{24}$/,
  request: /^req_[A-Za-z0-9]{24}$/,
};

const question = { role: 'user', content: 'What is the weather in Paris?' };

function firstOfEachKind(events: readonly TranscriptEvent[]): Map<string, TranscriptEvent> {
  const kinds = new Map<string, TranscriptEvent>();
  for (const event of events) {
    const name = eventGrammar([event])[0] ?? event.event;
    const key =
      event.event === 'content_block_start'
        ? `${name}:${String((event.data.content_block as { type?: unknown }).type)}`
        : name;
    if (!kinds.has(key)) kinds.set(key, event);
  }
  return kinds;
}

describe('Anthropic fake, pinned to recorded API payloads', () => {
  let fake: AnthropicFake;

  const post = (body: Record<string, unknown>): Promise<Response> =>
    fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'sk-ant-test',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        messages: [question],
        ...body,
      }),
    });

  const streamOf = async (turn: ScriptedTurn): Promise<TranscriptEvent[]> => {
    fake.script([turn]);
    const response = await post({ stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    return parseSseTranscript(await response.text());
  };

  beforeEach(async () => {
    fake = await createAnthropicFake();
  });

  afterEach(async () => {
    await fake.close();
  });

  it('sends a tool_use message of the recorded shape', async () => {
    fake.script([
      { content: [{ type: 'tool_use', name: 'website_update', input: recordedInput }] },
    ]);

    const response = await post({});
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(ID.request);
    expect(shapeOf(body)).toEqual(shapeOf(recordedMessage));
    for (const message of [recordedMessage, body]) {
      expect(message.id).toMatch(ID.message);
      expect((message.content as { id: string }[])[0]?.id).toMatch(ID.toolUse);
    }
    expect(body.stop_reason).toBe(recordedMessage.stop_reason);
    expect((body.content as unknown[])[0]).toMatchObject({
      caller: recordedToolUse.caller,
      input: recordedInput,
    });
  });

  it('sends text blocks of the recorded shape next to tool_use blocks', async () => {
    fake.script([
      {
        content: [
          { type: 'text', text: "I'll check the current weather in Paris for you." },
          { type: 'tool_use', name: 'website_update', input: recordedInput },
        ],
      },
    ]);

    const body = (await (await post({})).json()) as { content: unknown[] };
    const recordedTextBlock = firstOfEachKind(recordedStream).get('content_block_start:text')?.data
      .content_block;

    expect(shapeOf(body.content[0])).toEqual(shapeOf(recordedTextBlock));
    expect(shapeOf(body.content[1])).toEqual(shapeOf(recordedToolUse));
  });

  it('streams text then tool_use in the recorded SSE framing and event order', async () => {
    const events = await streamOf({
      content: [
        { type: 'text', text: "I'll check the current weather in Paris for you." },
        { type: 'tool_use', name: 'get_weather', input: { location: 'Paris' } },
      ],
    });

    expect(eventGrammar(events)).toEqual(eventGrammar(recordedStream));
    expect(eventGrammar(recordedStream)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta:text_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const partials = (stream: readonly TranscriptEvent[]) =>
      stream.flatMap(({ data }) => {
        const delta = data.delta as { partial_json?: string } | undefined;
        return delta?.partial_json === undefined ? [] : [delta.partial_json];
      });
    expect(partials(events)[0]).toBe(partials(recordedStream)[0]);
    expect(JSON.parse(partials(events).join(''))).toEqual(
      JSON.parse(partials(recordedStream).join('')),
    );
  });

  it('streams every event with the keys of the recorded tool_use stream', async () => {
    const events = await streamOf({
      content: [{ type: 'tool_use', name: 'website_update', input: recordedInput }],
    });

    expect(eventGrammar(events)).toEqual(eventGrammar(recordedToolStream));
    const ours = firstOfEachKind(events);
    const recorded = firstOfEachKind(recordedToolStream);
    expect([...ours.keys()]).toEqual([...recorded.keys()]);
    for (const [kind, event] of recorded) {
      expect({ kind, shape: shapeOf(ours.get(kind)?.data) }).toEqual({
        kind,
        shape: shapeOf(event.data),
      });
    }
  });

  it('streams every event with at least the keys of the recorded text and tool_use stream', async () => {
    const events = await streamOf({
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', name: 'get_weather', input: { location: 'Paris' } },
      ],
    });

    const ours = firstOfEachKind(events);
    const gaps = [...firstOfEachKind(recordedStream)].flatMap(([kind, event]) => {
      const found = ours.get(kind);
      const actual: Shape = found === undefined ? 'null' : shapeOf(found.data);
      return shapeGaps(shapeOf(event.data), actual, kind);
    });
    expect(gaps).toEqual([]);
  });

  it.each([
    { status: 429 as const, file: 'error-429-rate-limit.json' },
    { status: 529 as const, file: 'error-529-overloaded.json' },
  ])('answers an injected $status with the recorded envelope', async ({ status, file }) => {
    const recorded = fixtureJson(file);
    fake.failNext({ status });

    const response = await post({});
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(status);
    expect(shapeOf(body)).toEqual(shapeOf(recorded));
    expect(body.error).toEqual(recorded.error);
    expect(recorded.request_id).toMatch(ID.request);
    expect(body.request_id).toMatch(ID.request);
    expect(response.headers.get('request-id')).toBe(body.request_id);
  });

  it('words the tool_result mismatch exactly as the recorded 400', async () => {
    const recorded = fixtureJson('error-400-tool-use-id.json');

    const response = await post({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here is the result.' },
            { type: 'tool_result', tool_use_id: 'T1', content: 'sunny' },
          ],
        },
      ],
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(body).toEqual({ ...recorded, request_id: body.request_id });
  });
});
