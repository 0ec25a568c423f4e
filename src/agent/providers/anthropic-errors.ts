import Anthropic from '@anthropic-ai/sdk';
import { AppError, type AppErrorCode } from '../../core/errors.ts';
import { codeForStatus } from './status-code.ts';

/** The SDK's error hierarchy, translated into AppError codes at the boundary. */
function anthropicCode(status: number | undefined): AppErrorCode {
  if (status === undefined) return 'upstream_unavailable';
  if (status === 408) return 'timeout';
  if (status === 413) return 'payload_too_large';
  return codeForStatus(status);
}

export function fromAnthropicError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Anthropic.APIConnectionTimeoutError) {
    return new AppError('timeout', 'Anthropic API did not answer in time', { cause: err });
  }
  if (err instanceof Anthropic.APIUserAbortError) {
    return new AppError('timeout', 'Anthropic request aborted (budget or shutdown)', {
      cause: err,
    });
  }
  if (err instanceof Anthropic.APIConnectionError) {
    return new AppError('upstream_unavailable', `Anthropic API unreachable: ${err.message}`, {
      cause: err,
    });
  }
  if (err instanceof Anthropic.APIError) {
    const status = typeof err.status === 'number' ? err.status : undefined;
    return new AppError(
      anthropicCode(status),
      `Anthropic API error ${status ?? ''}: ${err.message}`,
      {
        cause: err,
        details: { status, requestId: err.requestID },
      },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('upstream_unavailable', `Anthropic request failed: ${message}`, {
    cause: err,
  });
}
