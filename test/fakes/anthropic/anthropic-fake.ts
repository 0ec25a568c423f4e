import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverResponse } from './deliver-response.ts';
import type { AnthropicFake, AnthropicFakeOptions, Fault, RecordedRequest } from './fake-types.ts';
import { type PlannerDeps, planResponse } from './plan-response.ts';
import { createPromptCache } from './prompt-cache.ts';
import type { MessagesRequest } from './request-schema.ts';
import { createSequentialIds } from './sequential-ids.ts';
import { createTurnSource } from './turn-source.ts';

type MutableRecord = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

/**
 * A fake of Anthropic's Messages API on 127.0.0.1, speaking the real wire
 * format (JSON and SSE, error envelopes, retry headers) so the real
 * `@anthropic-ai/sdk` client can be pointed at it with `baseURL: fake.url`.
 */
export async function createAnthropicFake(
  options: AnthropicFakeOptions = {},
): Promise<AnthropicFake> {
  const requests: MutableRecord[] = [];
  const faults: Fault[] = [];
  const turns = createTurnSource(options.responder);
  const ids = createSequentialIds();
  const cache = createPromptCache({
    minCacheableTokens: options.minCacheableTokens ?? 1024,
    now: options.now ?? Date.now,
  });
  const textChunkChars = options.textChunkChars ?? 12;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const record: MutableRecord = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: headerRecord(req),
      body: parseJson(raw),
      params: undefined,
      status: 0,
    };
    requests.push(record);
    const deps: PlannerDeps = {
      apiKey: options.apiKey,
      faults,
      turns,
      cache,
      ids,
      onAccepted: (params: MessagesRequest) => {
        record.params = params;
      },
      waitForClient: (ms) => waitUnlessClosed(res, ms),
    };
    const plan = await planResponse(record, deps);
    record.status = deliverResponse(plan, res, { requestId: ids.request(), textChunkChars });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json', 'x-should-retry': 'false' });
      const message = `anthropic fake crashed: ${String(error)}`;
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'api_error', message }, request_id: null }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pendingTurns() {
      return turns.pending;
    },
    script: (scripted) => turns.push(scripted),
    respond: (responder) => turns.setResponder(responder),
    failNext: (...next) => {
      faults.push(...next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Resolves true after `ms`, or false as soon as the client closes the connection. */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}
