// The page's HTTP routes: GET / (the page), /ui/view (message lists as HTML), /ui/events
// (Server-Sent Events on every change), /ui/workspace.{css,js}, /files/<id>; POST
// /ui/post (type a message) and /ui/action (click a button), delivered signed to the bot.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Deliverer } from '../delivery.ts';
import { mediaType, readBody, sendJson } from '../http-io.ts';
import type { WorkspaceIdentity } from '../workspace-options.ts';
import type { Workspace } from '../workspace-state.ts';
import type { ChannelRecord } from '../workspace-types.ts';
import { fileContentType } from './file-html.ts';
import { namesOf, type RenderContext } from './message-html.ts';
import { pageHtml } from './page-html.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { PAGE_CSS } from './page-style.ts';
import { createUiActions } from './ui-actions.ts';
import { renderView, type ViewRequest } from './view-html.ts';

export interface UiDeps {
  workspace: Workspace;
  identity: WorkspaceIdentity;
  deliver: Deliverer;
  botUrl: () => string | undefined;
}

export interface UiRoutes {
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  close(): void;
}

const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const postBody = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().min(1).max(40_000),
  threadTs: z
    .string()
    .regex(/^\d+\.\d+$/, 'threadTs: expected a message ts')
    .optional(),
});
const actionBody = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  ts: z.string().regex(/^\d+\.\d+$/, 'ts: expected a message ts'),
  actionId: z.string().min(1),
});

function send(res: ServerResponse, type: string, body: string | Buffer, extra = {}): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

/** Loopback only: a page elsewhere that resolves a name to 127.0.0.1 gets nothing. */
function fromLoopbackHost(req: IncomingMessage): boolean {
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '');
}

async function jsonBody<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  if (mediaType(req) !== 'application/json')
    return { ok: false, error: 'expected application/json' };
  let decoded: unknown;
  try {
    decoded = JSON.parse((await readBody(req)).toString('utf8')) as unknown;
  } catch {
    return { ok: false, error: 'body is not JSON' };
  }
  const parsed = schema.safeParse(decoded);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}

export function createUiRoutes(deps: UiDeps): UiRoutes {
  const { workspace, identity } = deps;
  const ctx: RenderContext = { workspace, identity, names: namesOf(workspace) };
  const actions = createUiActions(deps);
  const streams = new Set<ServerResponse>();

  const people = () => workspace.users().filter((user) => user.isBot !== true && !user.deleted);
  const firstChannel = (): ChannelRecord | undefined =>
    workspace.channels().find((channel) => channel.isMember && !channel.isArchived) ??
    workspace.channels()[0];

  function viewRequest(url: URL): ViewRequest | undefined {
    const channelId = url.searchParams.get('channel');
    const channel = channelId ? workspace.channel(channelId) : firstChannel();
    if (channel === undefined) return undefined;
    const user = url.searchParams.get('user') ?? people()[0]?.id ?? '';
    const thread = url.searchParams.get('thread');
    return { channel, user, ...(thread ? { thread } : {}) };
  }

  function page(res: ServerResponse, url: URL): void {
    const request = viewRequest(url);
    if (request === undefined) {
      sendJson(res, 404, { ok: false, error: 'channel_not_found' });
      return;
    }
    const html = pageHtml({
      teamName: identity.team.name,
      botName: identity.bot.name,
      botUrl: deps.botUrl(),
      channels: workspace.channels(),
      people: people(),
      channel: request.channel,
      thread: request.thread,
      user: request.user,
      view: renderView(ctx, request),
    });
    send(res, 'text/html; charset=utf-8', html, { 'content-security-policy': PAGE_CSP });
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`data: ${workspace.version()}\n\n`);
    const unsubscribe = workspace.onChange(() => res.write(`data: ${workspace.version()}\n\n`));
    streams.add(res);
    req.on('close', () => {
      unsubscribe();
      streams.delete(res);
    });
  }

  function file(res: ServerResponse, id: string): void {
    const stored = workspace.file(decodeURIComponent(id));
    if (stored?.bytes === undefined) {
      sendJson(res, 404, { ok: false, error: 'file_not_found' });
      return;
    }
    send(res, fileContentType(stored), stored.bytes, {
      'content-security-policy': "sandbox; default-src 'none'",
    });
  }

  function view(res: ServerResponse, url: URL): void {
    const request = viewRequest(url);
    if (request === undefined) sendJson(res, 404, { ok: false, error: 'channel_not_found' });
    else sendJson(res, 200, { ok: true, ...renderView(ctx, request) });
  }

  type Getter = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
  const getters: Readonly<Record<string, Getter>> = {
    '/': (_req, res, url) => page(res, url),
    '/ui/view': (_req, res, url) => view(res, url),
    '/ui/events': (req, res) => events(req, res),
    '/ui/workspace.css': (_req, res) => send(res, 'text/css; charset=utf-8', PAGE_CSS),
    '/ui/workspace.js': (_req, res) => send(res, 'text/javascript; charset=utf-8', PAGE_SCRIPT),
  };

  function get(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const getter = getters[url.pathname];
    if (getter !== undefined) getter(req, res, url);
    else if (url.pathname.startsWith('/files/')) file(res, url.pathname.slice('/files/'.length));
    else return false;
    return true;
  }

  async function post(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path === '/ui/post') {
      const body = await jsonBody(req, postBody);
      const answer = body.ok ? await actions.post(body.data) : { status: 400, error: body.error };
      sendJson(res, answer.status, { ok: answer.status < 300, ...answer });
    } else if (path === '/ui/action') {
      const body = await jsonBody(req, actionBody);
      const answer = body.ok ? await actions.click(body.data) : { status: 400, error: body.error };
      sendJson(res, answer.status, { ok: answer.status < 300, ...answer });
    } else return false;
    return true;
  }

  return {
    async handle(req, res, path) {
      const isUi = path === '/' || path.startsWith('/ui/') || path.startsWith('/files/');
      if (!isUi) return false;
      if (!fromLoopbackHost(req)) {
        sendJson(res, 403, { ok: false, error: 'the workspace page answers on loopback only' });
        return true;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET') return get(req, res, url);
      if (req.method === 'POST') return post(req, res, path);
      return false;
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}
