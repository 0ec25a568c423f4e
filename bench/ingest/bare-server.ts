import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The ceiling: a node:http server that reads the body, JSON.parses it and
 * answers 202 — what any Node ingest must do at least, on the same machine
 * and the same connections as the real one.
 */
export interface BareServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startBareServer(): Promise<BareServer> {
  const reply = JSON.stringify({ accepted: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let status = 202;
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        status = 400;
      }
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(reply),
      });
      res.end(reply);
    });
  });
  server.keepAliveTimeout = 95_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
