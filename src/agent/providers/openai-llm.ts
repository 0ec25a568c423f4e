import type {
  LlmMessage,
  LlmPort,
  LlmRequest,
  LlmResponse,
  LlmStopReason,
  LlmText,
  LlmToolCall,
} from '../../core/agent/llm.ts';
import { AppError } from '../../core/errors.ts';
import {
  type ChatCompletion,
  type ChatMessage,
  chatCompletionSchema,
  chatErrorSchema,
} from './openai-wire.ts';
import { codeForStatus } from './status-code.ts';

/**
 * LlmPort over an OpenAI-compatible chat/completions endpoint (Ollama,
 * vLLM, LiteLLM…), with function tools. Not streamed: local servers answer
 * tool turns whole; the text is handed to `onText` once.
 */
export interface OpenAiLlmOptions {
  /** e.g. http://127.0.0.1:11434/v1 */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

function assistantMessage(m: LlmMessage, texts: readonly string[]): ChatMessage {
  const calls = m.content.flatMap((c) => (c.type === 'tool_use' ? [c] : []));
  const toolCalls = calls.map((c) => ({
    id: c.id,
    type: 'function' as const,
    function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) },
  }));
  return {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('\n') : null,
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
  };
}

function toolMessages(m: LlmMessage): ChatMessage[] {
  return m.content.flatMap((c) =>
    c.type === 'tool_result'
      ? [
          {
            role: 'tool' as const,
            tool_call_id: c.toolUseId,
            content: c.isError ? `ERROR: ${c.text}` : c.text,
          },
        ]
      : [],
  );
}

function toChat(messages: readonly LlmMessage[]): ChatMessage[] {
  return messages.flatMap((m): ChatMessage[] => {
    const texts = m.content.flatMap((c) => (c.type === 'text' ? [c.text] : []));
    if (m.role === 'assistant') return [assistantMessage(m, texts)];
    return [
      ...toolMessages(m),
      ...(texts.length > 0 ? [{ role: 'user' as const, content: texts.join('\n') }] : []),
    ];
  });
}

function stopReason(reason: string | null, hasCalls: boolean): LlmStopReason {
  if (hasCalls || reason === 'tool_calls') return 'tool_use';
  if (reason === 'stop') return 'end_turn';
  if (reason === 'length') return 'max_tokens';
  return 'other';
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { _unparsable_arguments: text };
  }
}

export function fromCompletion(body: ChatCompletion): LlmResponse {
  const choice = body.choices[0];
  const message = choice?.message;
  const content: (LlmText | LlmToolCall)[] = [];
  if (message?.content) content.push({ type: 'text', text: message.content });
  for (const call of message?.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments),
    });
  }
  const cached = body.usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    content,
    stopReason: stopReason(choice?.finish_reason ?? null, (message?.tool_calls ?? []).length > 0),
    model: body.model,
    usage: {
      inputTokens: (body.usage?.prompt_tokens ?? 0) - cached,
      outputTokens: body.usage?.completion_tokens ?? 0,
      cacheReadTokens: cached,
      cacheWriteTokens: 0,
    },
  };
}

function bodyOf(request: LlmRequest) {
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: [{ role: 'system', content: request.system }, ...toChat(request.messages)],
    ...(request.tools.length === 0
      ? {}
      : {
          tools: request.tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.inputSchema },
          })),
        }),
  };
}

async function post(options: OpenAiLlmOptions, request: LlmRequest): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  const signal =
    request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  try {
    return await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
      },
      body: JSON.stringify(bodyOf(request)),
      signal,
    });
  } catch (err) {
    if (signal.aborted)
      throw new AppError('timeout', 'OpenAI-compatible endpoint did not answer in time', {
        cause: err,
      });
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'upstream_unavailable',
      `OpenAI-compatible endpoint unreachable (${url}): ${why}`,
      { cause: err },
    );
  }
}

export function createOpenAiLlm(options: OpenAiLlmOptions): LlmPort {
  return {
    provider: 'openai',
    async complete(request) {
      const res = await post(options, request);
      const raw: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const parsed = chatErrorSchema.safeParse(raw);
        const message = parsed.success ? parsed.data.error.message : `HTTP ${res.status}`;
        throw new AppError(codeForStatus(res.status), `OpenAI-compatible endpoint: ${message}`, {
          details: { status: res.status },
        });
      }
      const parsed = chatCompletionSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'upstream_unavailable',
          `OpenAI-compatible answer is not a chat completion: ${issue?.path.join('.') ?? '(body)'}: ${issue?.message ?? ''}`,
        );
      }
      const response = fromCompletion(parsed.data);
      const text = response.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
      if (text !== '') request.onText?.(text);
      return response;
    },
  };
}
