// One Web API request as the workspace saw it, and what it answered.
import type { BodyEncoding } from './web-api-request.ts';

export interface RecordedCall {
  /** 1-based order of arrival across all methods. */
  seq: number;
  method: string;
  /** Arguments without `token`; JSON-valued fields (blocks, attachments, ...) decoded. */
  args: Record<string, unknown>;
  /** The token presented (Bearer header or `token` argument), if any. */
  token: string | undefined;
  encoding: BodyEncoding;
  /** The workspace's clock (ms) when the call arrived. */
  at: number;
  status: number;
  ok: boolean;
  error?: string;
  /** True when an interceptor (a test's failNext/failEvery) answered instead of the method. */
  injected: boolean;
}

const JSON_VALUED = new Set(['blocks', 'attachments', 'metadata', 'files', 'file_ids']);

/** Decodes the fields Slack takes as JSON strings in form bodies, for readable assertions. */
export function readableArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => {
      if (!JSON_VALUED.has(key) || typeof value !== 'string') return [key, value];
      try {
        return [key, JSON.parse(value) as unknown];
      } catch {
        return [key, value];
      }
    }),
  );
}
