import { AppError, type AppErrorCode } from '../../core/errors.ts';
import type { ErrorBody } from './prometheus-response.ts';

/** Translates Prometheus's answers and fetch's failures into AppError at the boundary. */
const codeByErrorType: Readonly<Record<string, AppErrorCode>> = {
  bad_data: 'input_invalid',
  execution: 'input_invalid',
  timeout: 'timeout',
  canceled: 'timeout',
  not_found: 'not_found',
  too_many_requests: 'rate_limited',
  unavailable: 'upstream_unavailable',
  internal: 'upstream_unavailable',
};

export function prometheusRefusal(body: ErrorBody, status: number, query: string): AppError {
  const code = codeByErrorType[body.errorType] ?? 'upstream_unavailable';
  return new AppError(code, `Prometheus refused the query (${body.errorType}): ${body.error}`, {
    details: { errorType: body.errorType, status, query },
  });
}

function codeForStatus(status: number): AppErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'upstream_unavailable';
}

/** An answer that is not the API's JSON (a proxy's error page, a wrong URL). */
export function unexpectedAnswer(status: number, text: string, why: string): AppError {
  const excerpt = text.slice(0, 200).replace(/\s+/g, ' ').trim();
  const code = status >= 200 && status < 300 ? 'upstream_unavailable' : codeForStatus(status);
  return new AppError(
    code,
    `Prometheus answered HTTP ${status} with ${why}: ${excerpt || '(empty)'}`,
    {
      details: { status },
    },
  );
}

export function requestFailure(err: unknown, timedOut: boolean, timeoutMs: number): AppError {
  if (err instanceof AppError) return err;
  if (timedOut) {
    return new AppError('timeout', `Prometheus did not answer within ${timeoutMs} ms`, {
      cause: err,
      details: { timeoutMs },
    });
  }
  const message = err instanceof Error ? describeFetchError(err) : String(err);
  return new AppError('upstream_unavailable', `Prometheus is unreachable: ${message}`, {
    cause: err,
  });
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED …) in its cause. */
function describeFetchError(err: Error): string {
  const cause: unknown = err.cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
