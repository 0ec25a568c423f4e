// Decodes a Web API request the way Slack accepts it: form-encoded or JSON body, query
// string arguments, and the token from `Authorization: Bearer` or a `token` argument.
import type { IncomingMessage } from 'node:http';
import { mediaType } from './http-io.ts';
import { isJsonObject } from './json.ts';

export type BodyEncoding = 'form' | 'json' | 'none';

export interface WebApiRequest {
  args: Record<string, unknown>;
  token: string | undefined;
  encoding: BodyEncoding;
}

export type DecodedRequest = { ok: true; request: WebApiRequest } | { ok: false; error: string };

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function decodeBody(
  type: string,
  raw: Buffer,
):
  | { ok: true; args: Record<string, unknown>; encoding: BodyEncoding }
  | { ok: false; error: string } {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, args: {}, encoding: 'none' };
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, args: Object.fromEntries(new URLSearchParams(text)), encoding: 'form' };
  }
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isJsonObject(parsed)) return { ok: false, error: 'invalid_json' };
      return { ok: true, args: parsed, encoding: 'json' };
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
  }
  return { ok: false, error: 'invalid_post_type' };
}

export function decodeWebApiRequest(req: IncomingMessage, raw: Buffer, url: URL): DecodedRequest {
  const decoded = decodeBody(mediaType(req), raw);
  if (!decoded.ok) return decoded;
  const { token: bodyToken, ...args } = {
    ...Object.fromEntries(url.searchParams),
    ...decoded.args,
  };
  const token = bearer(req) ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
  return { ok: true, request: { args, token, encoding: decoded.encoding } };
}
