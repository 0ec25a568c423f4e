/**
 * The one error type of punchingfist. Adapters translate third-party errors
 * into it at the boundary; the pure core returns discriminated unions for
 * expected outcomes and throws only for bugs.
 */
export type AppErrorCode =
  | 'config_invalid'
  | 'input_invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'timeout'
  | 'policy_denied'
  | 'internal';

export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Machine-readable details, e.g. the fields that failed validation. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isAppError(value: unknown, code?: AppErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
