import type { ScriptedTurn, StopReason } from './fake-types.ts';
import type { InputAccount } from './prompt-cache.ts';
import { outputTokensOf } from './token-estimate.ts';

/**
 * The `message` object of the Messages API, field for field as recorded from
 * the real API (test/fixtures/anthropic/message-tool-use.json).
 */
export interface WireUsage {
  readonly input_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly cache_creation: {
    readonly ephemeral_5m_input_tokens: number;
    readonly ephemeral_1h_input_tokens: number;
  };
  readonly output_tokens: number;
  readonly service_tier: 'standard';
  readonly inference_geo: 'not_available';
}

export type WireBlock =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'tool_use';
      readonly id: string;
      readonly name: string;
      readonly input: Readonly<Record<string, unknown>>;
      readonly caller: { readonly type: 'direct' };
    };

export interface WireMessage {
  readonly model: string;
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly content: readonly WireBlock[];
  readonly stop_reason: StopReason;
  readonly stop_sequence: null;
  readonly stop_details: null;
  readonly usage: WireUsage;
}

export interface MessageParts {
  readonly id: string;
  readonly model: string;
  readonly turn: ScriptedTurn;
  readonly input: InputAccount;
  readonly newToolUseId: () => string;
}

export function buildWireMessage(parts: MessageParts): WireMessage {
  const { turn } = parts;
  const content = turn.content.map((block): WireBlock => {
    if (block.type === 'text') return { type: 'text', text: block.text };
    const id = block.id ?? parts.newToolUseId();
    return {
      type: 'tool_use',
      id,
      name: block.name,
      input: block.input,
      caller: { type: 'direct' },
    };
  });
  const hasToolUse = content.some((block) => block.type === 'tool_use');
  return {
    model: turn.model ?? parts.model,
    id: parts.id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: turn.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    stop_details: null,
    usage: wireUsage(parts.input, turn, outputTokensOf(content)),
  };
}

function wireUsage(input: InputAccount, turn: ScriptedTurn, outputTokens: number): WireUsage {
  const override = turn.usage ?? {};
  const creation = override.cacheCreationInputTokens ?? input.cacheCreationInputTokens;
  const overridden = override.cacheCreationInputTokens !== undefined;
  return {
    input_tokens: override.inputTokens ?? input.inputTokens,
    cache_creation_input_tokens: creation,
    cache_read_input_tokens: override.cacheReadInputTokens ?? input.cacheReadInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: overridden ? creation : input.ephemeral5mInputTokens,
      ephemeral_1h_input_tokens: overridden ? 0 : input.ephemeral1hInputTokens,
    },
    output_tokens: override.outputTokens ?? outputTokens,
    service_tier: 'standard',
    inference_geo: 'not_available',
  };
}
