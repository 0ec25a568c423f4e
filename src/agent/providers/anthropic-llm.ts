import type Anthropic from '@anthropic-ai/sdk';
import type {
  LlmContent,
  LlmMessage,
  LlmPort,
  LlmRequest,
  LlmResponse,
  LlmStopReason,
  LlmText,
  LlmToolCall,
} from '../../core/agent/llm.ts';
import { fromAnthropicError } from './anthropic-errors.ts';

/**
 * LlmPort over the Anthropic Messages API (the client is built by the
 * composition root and passed in). Streams text deltas; marks three prompt
 * cache breakpoints — the last tool definition, the system prompt, and the
 * last block of the conversation — so each turn of the tool loop reads the
 * stable prefix and the conversation so far from the cache.
 */
type Param = Anthropic.MessageParam;
type Block = Anthropic.ContentBlockParam;
const ephemeral = { type: 'ephemeral' } as const;

function toBlock(content: LlmContent): Block {
  switch (content.type) {
    case 'text':
      return { type: 'text', text: content.text };
    case 'tool_use':
      return {
        type: 'tool_use',
        id: content.id,
        name: content.name,
        input: content.input as Record<string, unknown>,
      };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: content.toolUseId,
        content: content.text,
        is_error: content.isError,
      };
  }
}

function withCacheMark(block: Block): Block {
  if (block.type === 'text' || block.type === 'tool_use' || block.type === 'tool_result') {
    return { ...block, cache_control: ephemeral };
  }
  return block;
}

/** The conversation with a cache breakpoint on its very last block. */
export function toMessages(messages: readonly LlmMessage[]): Param[] {
  return messages.map((m, i) => {
    const blocks = m.content.map(toBlock);
    const last = blocks.length - 1;
    const content =
      i === messages.length - 1
        ? blocks.map((b, j) => (j === last ? withCacheMark(b) : b))
        : blocks;
    return { role: m.role, content };
  });
}

function toTools(request: LlmRequest): Anthropic.Tool[] {
  return request.tools.map((t, i) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema as Anthropic.Tool.InputSchema,
    ...(i === request.tools.length - 1 ? { cache_control: ephemeral } : {}),
  }));
}

function stopReason(reason: string | null): LlmStopReason {
  if (reason === 'end_turn' || reason === 'tool_use' || reason === 'max_tokens') return reason;
  if (reason === 'stop_sequence') return 'end_turn';
  return 'other';
}

function fromContent(blocks: readonly Anthropic.ContentBlock[]): (LlmText | LlmToolCall)[] {
  const out: (LlmText | LlmToolCall)[] = [];
  for (const b of blocks) {
    if (b.type === 'text') out.push({ type: 'text', text: b.text });
    else if (b.type === 'tool_use')
      out.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
  }
  return out;
}

export function fromMessage(message: Anthropic.Message): LlmResponse {
  const u = message.usage;
  return {
    content: fromContent(message.content),
    stopReason: stopReason(message.stop_reason),
    model: message.model,
    usage: {
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cacheReadTokens: u.cache_read_input_tokens ?? 0,
      cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
    },
  };
}

export function createAnthropicLlm(client: Anthropic): LlmPort {
  return {
    provider: 'anthropic',
    async complete(request) {
      try {
        const stream = client.messages.stream(
          {
            model: request.model,
            max_tokens: request.maxTokens,
            system: [{ type: 'text', text: request.system, cache_control: ephemeral }],
            tools: toTools(request),
            messages: toMessages(request.messages),
          },
          request.signal === undefined ? {} : { signal: request.signal },
        );
        if (request.onText !== undefined) stream.on('text', request.onText);
        return fromMessage(await stream.finalMessage());
      } catch (err) {
        throw fromAnthropicError(err);
      }
    },
  };
}
