import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A fake of an OpenAI-compatible `POST /v1/chat/completions` (as Ollama and
 * vLLM serve it) on 127.0.0.1: validates the request's shape, answers
 * scripted turns (text and/or function tool calls) in the real wire format,
 * records every request. Not streamed.
 */
const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({
    role: z.literal('assistant'),
    content: z.string().nullable(),
    tool_calls: z
      .array(
        z.object({
          id: z.string(),
          type: z.literal('function'),
          function: z.object({ name: z.string(), arguments: z.string() }),
        }),
      )
      .optional(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: z.string() }),
]);

export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  max_tokens: z.number().int().min(1).optional(),
  tools: z
    .array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()),
        }),
      }),
    )
    .optional(),
  stream: z.literal(false).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export interface OpenAiTurn {
  readonly content?: string;
  readonly toolCalls?: readonly {
    readonly name: string;
    readonly arguments: Record<string, unknown>;
  }[];
}

export interface OpenAiFake {
  readonly url: string;
  readonly requests: readonly {
    body: unknown;
    params: ChatRequest | undefined;
    status: number;
    headers: Record<string, string | string[] | undefined>;
  }[];
  script(turns: readonly OpenAiTurn[]): void;
  close(): Promise<void>;
}

const tokens = (text: string) => Math.ceil(text.length / 4);

function completion(turn: OpenAiTurn, request: ChatRequest, n: number) {
  const calls = (turn.toolCalls ?? []).map((c, i) => ({
    id: `call_${n}_${i}`,
    type: 'function' as const,
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
  const prompt =
    tokens(JSON.stringify(request.messages)) + tokens(JSON.stringify(request.tools ?? []));
  const out = tokens((turn.content ?? '') + JSON.stringify(calls));
  return {
    id: `chatcmpl-fake${n}`,
    object: 'chat.completion',
    created: 1_763_800_000 + n,
    model: request.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.content ?? null,
          ...(calls.length === 0 ? {} : { tool_calls: calls }),
        },
        logprobs: null,
        finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: out, total_tokens: prompt + out },
  };
}

function send(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return status;
}

const error = (message: string, type: string) => ({
  error: { message, type, param: null, code: null },
});

export async function createOpenAiFake(options: { apiKey?: string } = {}): Promise<OpenAiFake> {
  const turns: OpenAiTurn[] = [];
  const requests: {
    body: unknown;
    params: ChatRequest | undefined;
    status: number;
    headers: Record<string, string | string[] | undefined>;
  }[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    const record = {
      body,
      params: undefined as ChatRequest | undefined,
      status: 0,
      headers: req.headers,
    };
    requests.push(record);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      record.status = send(
        res,
        404,
        error(`no route ${req.method} ${req.url}`, 'invalid_request_error'),
      );
      return;
    }
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      record.status = send(res, 401, error('Incorrect API key provided', 'invalid_request_error'));
      return;
    }
    const parsed = chatRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      record.status = send(
        res,
        400,
        error(`${issue?.path.join('.')}: ${issue?.message}`, 'invalid_request_error'),
      );
      return;
    }
    record.params = parsed.data;
    const turn = turns.shift();
    if (turn === undefined) {
      record.status = send(res, 500, error('openai fake: no scripted turn left', 'server_error'));
      return;
    }
    record.status = send(res, 200, completion(turn, parsed.data, requests.length));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (next) => {
      turns.push(...next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
