/**
 * Anthropic's error envelope, as the real API sends it (and as `ErrorResponse`
 * in `@anthropic-ai/sdk` types it): `{ type: 'error', error: { type, message },
 * request_id }`, with the same id in the `request-id` response header.
 */
export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 429 | 500 | 504 | 529;

export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface ErrorEnvelope {
  readonly type: 'error';
  readonly error: { readonly type: ApiErrorType; readonly message: string };
  readonly request_id: string;
}

const TYPE_BY_STATUS: Readonly<Record<ErrorStatus, ApiErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** Messages the real API uses, where a recording shows one (see test/fixtures/anthropic). */
const DEFAULT_MESSAGE: Readonly<Partial<Record<ErrorStatus, string>>> = {
  429: "This request would exceed your account's rate limit. Please try again later.",
  500: 'Internal server error',
  529: 'Overloaded',
};

export function errorTypeFor(status: ErrorStatus): ApiErrorType {
  return TYPE_BY_STATUS[status];
}

export function defaultErrorMessage(status: ErrorStatus): string {
  return DEFAULT_MESSAGE[status] ?? errorTypeFor(status);
}

export function errorEnvelope(
  type: ApiErrorType,
  message: string,
  requestId: string,
): ErrorEnvelope {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
