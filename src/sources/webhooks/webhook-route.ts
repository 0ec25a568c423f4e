import type http from 'node:http';
import { type RouteHandler, sendJson } from '../../adapters/http/server.ts';

/** Tries each webhook handler (one per Source type) for the path; 404 when no Source receives on it. */
export type WebhookHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => Promise<boolean>;

export function webhookRoute(handlers: readonly WebhookHandler[]): RouteHandler {
  return async (req, res) => {
    for (const handle of handlers) if (await handle(req, res)) return;
    req.resume();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    sendJson(res, 404, { error: 'not_found', message: `no Source receives webhooks on ${path}` });
  };
}
