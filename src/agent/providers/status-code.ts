import type { AppErrorCode } from '../../core/errors.ts';

/** An LLM endpoint's HTTP error status as an AppError code; any other status is the upstream's trouble. */
export function codeForStatus(status: number): AppErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'input_invalid';
  return 'upstream_unavailable';
}
