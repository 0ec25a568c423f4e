import { z } from 'zod';
import type { AgentTool } from './tool.ts';

/**
 * http_check: a GET against an allowlisted host (exact host, or `*.suffix`),
 * with a timeout and a cap on the bytes read; answers status, time and the
 * start of the body. Redirects are not followed (a redirect could leave the
 * allowlist).
 */
export interface HttpCheckOptions {
  readonly allowedHosts: readonly string[];
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly now?: () => number;
}

const input = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .describe('http(s) URL on an allowlisted host'),
});

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((a) => {
    const rule = a.toLowerCase();
    return rule.startsWith('*.') ? h.endsWith(rule.slice(1)) : h === rule;
  });
}

async function readCapped(
  res: Response,
  maxBytes: number,
): Promise<{ text: string; cut: boolean }> {
  const reader = res.body?.getReader();
  if (reader === undefined) return { text: '', cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  return { text, cut: size >= maxBytes };
}

function failure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? err.cause.message : err.message;
}

async function check(options: HttpCheckOptions, url: string, signal: AbortSignal) {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const started = now();
  try {
    const res = await doFetch(url, {
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 5_000)]),
    });
    const body = await readCapped(res, options.maxBytes ?? 4_096);
    const location = res.headers.get('location');
    const head = `HTTP ${res.status} in ${now() - started} ms${location ? ` → ${location}` : ''}`;
    return { text: `${head}\n${body.text}${body.cut ? '\n[body cut]' : ''}`, sources: [url] };
  } catch (err) {
    return {
      text: `GET ${url} failed after ${now() - started} ms: ${failure(err)}`,
      isError: true,
      sources: [url],
    };
  }
}

export function httpCheckTool(options: HttpCheckOptions): AgentTool<typeof input> {
  const allowed = options.allowedHosts.join(', ') || 'none';
  return {
    name: 'http_check',
    description: `HTTP GET an endpoint to see if it answers (status, latency, start of body). Allowed hosts: ${allowed}.`,
    input,
    async run({ url }, context) {
      const host = new URL(url).hostname;
      if (!hostAllowed(host, options.allowedHosts)) {
        return { text: `host ${host} is not on the allowlist (${allowed})`, isError: true };
      }
      context.progress(`http GET ${url}`);
      return check(options, url, context.signal);
    },
  };
}
