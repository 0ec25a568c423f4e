import type { WireBlock, WireMessage } from './wire-message.ts';

/** One server-sent event: its `event:` name and the JSON of its `data:` line. */
export interface StreamEvent {
  readonly event: string;
  readonly data: object;
}

export interface StreamOptions {
  readonly textChunkChars: number;
}

const JSON_CHUNKS = 3;

/**
 * The SSE events of a streamed message, in the real API's order:
 * message_start (empty content), then per block content_block_start, deltas
 * and content_block_stop (a `ping` after the first start), then message_delta
 * with the stop reason and final usage, then message_stop.
 */
export function streamEventsOf(message: WireMessage, options: StreamOptions): StreamEvent[] {
  const events: StreamEvent[] = [messageStart(message)];
  for (const [index, block] of message.content.entries()) {
    events.push(event('content_block_start', { index, content_block: emptyBlock(block) }));
    if (index === 0) events.push(event('ping', {}));
    for (const delta of deltasOf(block, options)) {
      events.push(event('content_block_delta', { index, delta }));
    }
    events.push(event('content_block_stop', { index }));
  }
  events.push(messageDelta(message), event('message_stop', {}));
  return events;
}

export function formatServerSentEvent(streamEvent: StreamEvent): string {
  return `event: ${streamEvent.event}\ndata: ${JSON.stringify(streamEvent.data)}\n\n`;
}

function event(type: string, fields: object): StreamEvent {
  return { event: type, data: { type, ...fields } };
}

function messageStart(message: WireMessage): StreamEvent {
  return event('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      usage: { ...message.usage, output_tokens: 1 },
    },
  });
}

function messageDelta(message: WireMessage): StreamEvent {
  const { usage } = message;
  return event('message_delta', {
    delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
    },
  });
}

function emptyBlock(block: WireBlock): WireBlock {
  return block.type === 'text' ? { ...block, text: '' } : { ...block, input: {} };
}

function deltasOf(block: WireBlock, options: StreamOptions): object[] {
  if (block.type === 'text') {
    return chunksOfSize(block.text, options.textChunkChars).map((text) => ({
      type: 'text_delta',
      text,
    }));
  }
  // The real API opens a tool input with an empty partial_json, then sends the JSON in pieces.
  const json = JSON.stringify(block.input);
  const size = Math.ceil([...json].length / JSON_CHUNKS);
  return ['', ...chunksOfSize(json, size)].map((partial_json) => ({
    type: 'input_json_delta',
    partial_json,
  }));
}

function chunksOfSize(text: string, size: number): string[] {
  const chars = [...text];
  const chunks: string[] = [];
  for (let start = 0; start < chars.length; start += Math.max(1, size)) {
    chunks.push(chars.slice(start, start + Math.max(1, size)).join(''));
  }
  return chunks;
}
