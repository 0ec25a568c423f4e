import Anthropic, {
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  InternalServerError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicFake, createAnthropicFake } from '../fakes/anthropic/index.ts';

const API_KEY = 'sk-ant-test-key';
const request = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Why is cart-7d9 crash-looping?' }],
};
const answer = { content: [{ type: 'text' as const, text: 'It is OOMKilled.' }] };

function clientOf(
  fake: AnthropicFake,
  options: { maxRetries: number; timeout?: number },
): Anthropic {
  return new Anthropic({ apiKey: API_KEY, baseURL: fake.url, ...options });
}

describe('Anthropic fake, injected faults', () => {
  let fake: AnthropicFake;

  beforeEach(async () => {
    fake = await createAnthropicFake();
    fake.script([answer]);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('has the SDK retry a 429 after its retry-after and succeed on the second attempt', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 0.05 });

    const message = await clientOf(fake, { maxRetries: 2 }).messages.create(request);

    expect(message.content).toEqual(answer.content);
    expect(fake.requests.map((recorded) => recorded.status)).toEqual([429, 200]);
    expect(fake.requests.map((recorded) => recorded.headers['x-stainless-retry-count'])).toEqual([
      '0',
      '1',
    ]);
  });

  it('surfaces a 429 as RateLimitError with the envelope and headers', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 7 });

    const error = await clientOf(fake, { maxRetries: 0 })
      .messages.create(request)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.type).toBe('rate_limit_error');
    expect(rateLimit.headers.get('retry-after')).toBe('7');
    expect(rateLimit.requestID).toMatch(/^req_011[A-Za-z0-9]{21}$/);
    expect(rateLimit.error).toEqual({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: "This request would exceed your account's rate limit. Please try again later.",
      },
      request_id: rateLimit.requestID,
    });
  });

  it('surfaces a 529 with maxRetries 0 as the SDK OverloadedError', async () => {
    fake.failNext({ status: 529 });

    const error = await clientOf(fake, { maxRetries: 0 })
      .messages.create(request)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as OverloadedError).status).toBe(529);
    expect((error as OverloadedError).type).toBe('overloaded_error');
    expect(fake.requests).toHaveLength(1);
    expect(fake.pendingTurns).toBe(1);
  });

  it('has the SDK retry a 500 api_error after its retry-after-ms', async () => {
    fake.failNext({ status: 500, retryAfterMs: 20 });

    const message = await clientOf(fake, { maxRetries: 1 }).messages.create(request);

    expect(message.content).toEqual(answer.content);
    expect(fake.requests.map((recorded) => recorded.status)).toEqual([500, 200]);
  });

  it('obeys x-should-retry: false on a retryable status', async () => {
    fake.failNext({ status: 529, shouldRetry: false });

    const error = await clientOf(fake, { maxRetries: 2 })
      .messages.create(request)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OverloadedError);
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a hang longer than the timeout into APIConnectionTimeoutError', async () => {
    fake.failNext({ hang: true });

    const error = await clientOf(fake, { maxRetries: 0, timeout: 200 })
      .messages.create(request)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(fake.requests.map((recorded) => recorded.status)).toEqual([0]);
  });

  it('lets the SDK retry a timed-out request, which then succeeds', async () => {
    fake.failNext({ delayMs: 5_000 });

    const message = await clientOf(fake, { maxRetries: 1, timeout: 200 }).messages.create(request);

    expect(message.content).toEqual(answer.content);
    expect(fake.requests.map((recorded) => recorded.status)).toEqual([0, 200]);
  });

  it('answers after a delay shorter than the timeout', async () => {
    fake.failNext({ delayMs: 50 });

    const message = await clientOf(fake, { maxRetries: 0, timeout: 5_000 }).messages.create(
      request,
    );

    expect(message.content).toEqual(answer.content);
    expect(fake.requests).toHaveLength(1);
  });

  it('breaks a stream after message_start with an overloaded_error event', async () => {
    fake.failNext({ streamError: 'overloaded_error' });

    const stream = clientOf(fake, { maxRetries: 0 }).messages.stream(request);
    const error = await stream.finalMessage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).type).toBe('overloaded_error');
    expect((error as APIError).status).toBeUndefined();
    expect(fake.requests[0]?.status).toBe(200);
  });

  it('rejects a key other than the one it was created with', async () => {
    const guarded = await createAnthropicFake({ apiKey: 'sk-ant-the-right-key' });
    try {
      const error = await clientOf(guarded, { maxRetries: 0 })
        .messages.create(request)
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).type).toBe('authentication_error');
    } finally {
      await guarded.close();
    }
  });
});
