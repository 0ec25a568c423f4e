import type { ErrorStatus } from './error-envelope.ts';
import type { MessagesRequest } from './request-schema.ts';

/** The public vocabulary of the Anthropic fake: what a test scripts, injects and reads back. */

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';

export interface ScriptedTextBlock {
  readonly type: 'text';
  readonly text: string;
}

export interface ScriptedToolUseBlock {
  readonly type: 'tool_use';
  /** Defaults to a generated `toolu_01Fake…` id. */
  readonly id?: string;
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
}

export type ScriptedBlock = ScriptedTextBlock | ScriptedToolUseBlock;

export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly cacheReadInputTokens: number;
}

/** One reply of the model. */
export interface ScriptedTurn {
  readonly content: readonly ScriptedBlock[];
  /** Defaults to `tool_use` when the content has a tool_use block, else `end_turn`. */
  readonly stopReason?: StopReason;
  /** Overrides the computed usage, field by field. */
  readonly usage?: Partial<TurnUsage>;
  /** Defaults to the request's model. */
  readonly model?: string;
}

/** A dynamic model: answers each valid request once the script is empty. */
export type Responder = (request: MessagesRequest) => ScriptedTurn | Promise<ScriptedTurn>;

/** Answer with an error envelope of this status (type from the status: 429 rate_limit_error…). */
export interface HttpFault {
  readonly status: ErrorStatus;
  readonly message?: string;
  /** Sent as `retry-after` (seconds; the SDK honours fractions). */
  readonly retryAfterSeconds?: number;
  /** Sent as `retry-after-ms`, which the SDK prefers over `retry-after`. */
  readonly retryAfterMs?: number;
  /** Sent as `x-should-retry`, which overrides the SDK's own retry decision. */
  readonly shouldRetry?: boolean;
}

/**
 * Hold the response this long, then answer normally: a client timeout shorter
 * than this fires. A client that leaves meanwhile consumes no scripted turn.
 */
export interface DelayFault {
  readonly delayMs: number;
}

/** Never answer (until the client gives up or the fake closes). */
export interface HangFault {
  readonly hang: true;
}

/**
 * A streaming request gets 200, `message_start`, then an SSE `error` event, as
 * the real API does when it overloads mid-stream. A non-streaming request gets
 * the matching HTTP error (529 or 500).
 */
export interface StreamErrorFault {
  readonly streamError: 'overloaded_error' | 'api_error';
}

export type Fault = HttpFault | DelayFault | HangFault | StreamErrorFault;

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/messages` or `/v1/messages?beta=true`. */
  readonly path: string;
  /** Lower-cased names: `x-api-key`, `anthropic-version`, `anthropic-beta`, `x-stainless-retry-count`… */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body as sent; `undefined` when it was not JSON. */
  readonly body: unknown;
  /** The body once it passed validation; `undefined` for a rejected request. */
  readonly params: MessagesRequest | undefined;
  /** The status the fake answered with; 0 while (or if never) answered. */
  readonly status: number;
}

export interface AnthropicFakeOptions {
  /** When set, any other `x-api-key` gets 401 authentication_error. */
  readonly apiKey?: string;
  readonly responder?: Responder;
  /** Prefixes below this many tokens are not cached. Default 1024, as for Sonnet and Opus. */
  readonly minCacheableTokens?: number;
  /** Characters per streamed `text_delta`. Default 12. */
  readonly textChunkChars?: number;
  /** The clock of the prompt cache's TTLs. Default `Date.now`. */
  readonly now?: () => number;
}

export interface AnthropicFake {
  /** The `baseURL` for `new Anthropic({ baseURL })`. */
  readonly url: string;
  /** Every request received, in order, including rejected and failed ones. */
  readonly requests: readonly RecordedRequest[];
  /** Scripted turns not yet consumed. */
  readonly pendingTurns: number;
  /** Queues turns, answered in order, one per valid request. */
  script(turns: readonly ScriptedTurn[]): void;
  /** Sets (or with `undefined` clears) the responder used once the script is empty. */
  respond(responder: Responder | undefined): void;
  /** Queues faults; each applies to one request, before the script is consulted. */
  failNext(...faults: readonly Fault[]): void;
  close(): Promise<void>;
}
