// Slack's Socket Mode end, in front of the Slack fake: `apps.connections.open` answers a
// ws:// URL; the app connects and gets `hello`. The fake's signed deliveries are sent to
// `requestUrl` (as an HTTP app's Request URL would get them); the bridge checks nothing,
// wraps each in a Socket Mode envelope (events_api, slash_commands, interactive), sends it
// over the socket and answers the delivery 200 once the app acks the envelope.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketModeBridge {
  /** Pass as the Socket Mode client's Web API base: serves `apps.connections.open`. */
  readonly apiUrl: string;
  /** Deliver the fake's events here; they go over the socket. */
  readonly requestUrl: string;
  /** App tokens `apps.connections.open` was called with. */
  readonly opened: readonly string[];
  /** Acks received, by envelope id. */
  readonly acks: ReadonlyMap<string, unknown>;
  /** Resolves once an app is connected (has been sent `hello`). */
  connected(): Promise<void>;
  close(): Promise<void>;
}

type Envelope = { type: string; payload: unknown };

function envelopeOf(contentType: string, raw: string): Envelope {
  if (contentType.startsWith('application/json')) {
    return { type: 'events_api', payload: JSON.parse(raw) };
  }
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return { type: 'interactive', payload: JSON.parse(payload) };
  return { type: 'slash_commands', payload: Object.fromEntries(form.entries()) };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSocketModeBridge(): Promise<SocketModeBridge> {
  const opened: string[] = [];
  const acks = new Map<string, unknown>();
  const waiting = new Map<string, (payload: unknown) => void>();
  let socket: WebSocket | undefined;
  let onConnect: (() => void) | undefined;
  const connected = new Promise<void>((resolve) => {
    onConnect = resolve;
  });
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', base).pathname;
    const raw = await bodyOf(req);
    if (path === '/api/apps.connections.open') {
      opened.push(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, url: `${base.replace('http', 'ws')}/link/?ticket=t1` }));
      return;
    }
    if (path !== '/deliver' || socket === undefined) {
      res.writeHead(404).end();
      return;
    }
    const envelope = envelopeOf(String(req.headers['content-type'] ?? ''), raw);
    const id = randomUUID();
    const acked = new Promise<unknown>((resolve) => waiting.set(id, resolve));
    socket.send(JSON.stringify({ envelope_id: id, accepts_response_payload: false, ...envelope }));
    const payload = await acked;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload ?? {}));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  const wss = new WebSocketServer({ server, path: '/link/' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id === undefined) return;
      acks.set(message.envelope_id, message.payload);
      waiting.get(message.envelope_id)?.(message.payload);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0FAKE0001' },
      }),
    );
    onConnect?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    requestUrl: `${base}/deliver`,
    opened,
    acks,
    connected: () => connected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
