// Serves POST /api/<method>: an optional interceptor (tests inject faults through it),
// authentication, scopes, then the method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-io.ts';
import type { JsonObject } from './json.ts';
import { METHODS } from './methods/method-table.ts';
import type { MethodContext } from './methods/method-types.ts';
import type { ObservedLog } from './observed-log.ts';
import { type RecordedCall, readableArgs } from './recorded-call.ts';
import { decodeWebApiRequest, type WebApiRequest } from './web-api-request.ts';

/** An answer given instead of the method's: a 429, a 5xx, or a platform error. */
export interface InterceptedAnswer {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

/** Decides, per call, whether to answer instead of the method (undefined: let it run). */
export type WebApiInterceptor = (method: string) => InterceptedAnswer | undefined;

export interface WebApiDeps {
  ctx: MethodContext;
  intercept?: WebApiInterceptor | undefined;
  calls: ObservedLog<RecordedCall>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
  injected: boolean;
}

function answer(body: JsonObject): Answer {
  return { status: 200, headers: {}, body, injected: false };
}

function scopesHeader(deps: WebApiDeps): Record<string, string> {
  return { 'x-oauth-scopes': deps.ctx.identity.scopes.join(',') };
}

function authorizedAnswer(method: string, request: WebApiRequest, deps: WebApiDeps): Answer {
  const { identity } = deps.ctx;
  if (request.token === undefined) return answer({ ok: false, error: 'not_authed' });
  if (request.token !== identity.botToken) return answer({ ok: false, error: 'invalid_auth' });
  const spec = METHODS[method];
  if (spec === undefined) return answer({ ok: false, error: 'unknown_method', req_method: method });
  if (spec.scope !== undefined && !identity.scopes.includes(spec.scope)) {
    return answer({
      ok: false,
      error: 'missing_scope',
      needed: spec.scope,
      provided: identity.scopes.join(','),
    });
  }
  const result = spec.handler(request.args, deps.ctx);
  return { ...answer(result), headers: scopesHeader(deps) };
}

function respond(method: string, request: WebApiRequest, deps: WebApiDeps): Answer {
  const intercepted = deps.intercept?.(method);
  if (intercepted === undefined) return authorizedAnswer(method, request, deps);
  return { ...intercepted, injected: true };
}

export async function handleWebApi(
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebApiDeps,
): Promise<void> {
  const at = deps.ctx.now();
  const url = new URL(req.url ?? '/', deps.ctx.baseUrl);
  const decoded = decodeWebApiRequest(req, await readBody(req), url);
  const request: WebApiRequest = decoded.ok
    ? decoded.request
    : { args: {}, token: undefined, encoding: 'none' };
  const result = decoded.ok
    ? respond(method, request, deps)
    : answer({ ok: false, error: decoded.error });
  const error = result.body.error;
  deps.calls.push({
    seq: deps.calls.items.length + 1,
    method,
    args: readableArgs(request.args),
    token: request.token,
    encoding: request.encoding,
    at,
    status: result.status,
    ok: result.body.ok === true,
    ...(typeof error === 'string' && { error }),
    injected: result.injected,
  });
  sendJson(res, result.status, result.body, result.headers);
}
