import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/**
 * The one HTTP server (SPEC §8): health, readiness, metrics, and the routes
 * other adapters register (webhooks, Slack). Handlers get the raw request;
 * each route parses its own input.
 */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<boolean>;
}

export interface HttpServerDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly readiness: readonly ReadinessCheck[];
}

export interface HttpServer {
  route(method: string, pathPrefix: string, handler: RouteHandler): void;
  listen(port: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A check that does not answer within the timeout counts as failed (a probe must answer). */
function withTimeout(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([check().catch(() => false), timeout]).finally(() => clearTimeout(timer));
}

async function readiness(checks: readonly ReadinessCheck[]): Promise<Record<string, boolean>> {
  const results = await Promise.all(
    checks.map(async (c) => [c.name, await withTimeout(c.check, 2_000)] as const),
  );
  return Object.fromEntries(results);
}

interface Route {
  readonly method: string;
  readonly prefix: string;
  readonly handler: RouteHandler;
}

/** The most specific route wins (`/slack/events` over the webhooks' `/`), whatever the mount order. */
function routeFor(
  routes: readonly Route[],
  method: string | undefined,
  path: string,
): RouteHandler | undefined {
  const matching = routes.filter((r) => r.method === method && path.startsWith(r.prefix));
  return matching.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.handler;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const routes: Route[] = [];

  const builtin: Record<string, RouteHandler> = {
    '/healthz': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
      const checks = await readiness(deps.readiness);
      const ready = Object.values(checks).every(Boolean);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
    },
    '/metrics': async (_req, res) => {
      const body = await deps.registry.metrics();
      res.writeHead(200, { 'content-type': deps.registry.contentType });
      res.end(body);
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler =
      (req.method === 'GET' ? builtin[url.pathname] : undefined) ??
      routeFor(routes, req.method, url.pathname);
    if (handler === undefined) {
      sendJson(res, 404, {
        error: 'not_found',
        message: `no route for ${req.method} ${url.pathname}`,
      });
      return;
    }
    handler(req, res).catch((err: unknown) => {
      deps.logger.error({ err, path: url.pathname }, 'request handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error' });
      else res.destroy();
    });
  });

  // Alertmanager (Go) keeps idle connections for up to 90 s; closing ours
  // sooner races its reuse of them and fails a POST with "connection reset".
  server.keepAliveTimeout = 95_000;
  server.headersTimeout = 96_000;

  return {
    route(method, pathPrefix, handler) {
      routes.push({ method, prefix: pathPrefix, handler });
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
