// startWorkspace: a local Slack workspace on loopback. One HTTP server speaks Slack's Web
// API (the subset the bot uses), upload URLs and response_urls, holds the workspace in
// memory, delivers signed requests to the bot, and serves a page to watch and click it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeliverer, type Deliverer } from './delivery.ts';
import { sendJson } from './http-io.ts';
import { createIdSource, createTsSource } from './ids.ts';
import { UPLOAD_PATH } from './methods/file-methods.ts';
import type { MethodContext } from './methods/method-types.ts';
import { createObservedLog } from './observed-log.ts';
import type { RecordedCall } from './recorded-call.ts';
import { createResponseUrls, RESPONSE_URL_PATH, type ResponseUrlPost } from './response-urls.ts';
import { createUiRoutes } from './ui/ui-routes.ts';
import { handleUpload } from './upload-endpoint.ts';
import { handleWebApi, type WebApiInterceptor } from './web-api-router.ts';
import {
  resolveIdentity,
  type WorkspaceIdentity,
  type WorkspaceOptions,
} from './workspace-options.ts';
import { createWorkspace } from './workspace-state.ts';
import type { WorkspaceView } from './workspace-types.ts';

const API_PATH = '/api/';

export interface WorkspaceServerOptions extends WorkspaceOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The bot's Request URL (HTTP mode), where the page delivers mentions, commands, clicks. */
  botUrl?: string;
  /** Tests only: answer some Web API calls instead of the method (faults). */
  interceptWebApi?: WebApiInterceptor;
}

export interface RunningWorkspace {
  /** The page: channels, threads, Block Kit, buttons. */
  readonly url: string;
  /** Pass as WebClient `slackApiUrl` / SLACK_API_URL; ends in `/api/`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly identity: WorkspaceIdentity;
  readonly state: WorkspaceView;
  /** Every Web API call in arrival order, including rejected and intercepted ones. */
  readonly calls: readonly RecordedCall[];
  /** Every accepted post to a response_url the workspace minted. */
  readonly responses: readonly ResponseUrlPost[];
  readonly deliver: Deliverer;
  /** The bot's Request URL the page delivers to; undefined until set. */
  botUrl(): string | undefined;
  setBotUrl(url: string | undefined): void;
  callsTo(method: string): RecordedCall[];
  waitForCall(
    predicate: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  waitForResponse(
    predicate?: (post: ResponseUrlPost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponseUrlPost>;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

async function listen(server: ReturnType<typeof createServer>, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export async function startWorkspace(options: WorkspaceServerOptions): Promise<RunningWorkspace> {
  const now = options.clock ?? Date.now;
  const identity = resolveIdentity(options);
  const ids = createIdSource();
  const workspace = createWorkspace(
    {
      identity,
      users: options.users ?? [],
      channels: options.channels ?? [],
      usergroups: options.usergroups ?? [],
    },
    { now, ids, nextTs: createTsSource(now) },
  );
  let baseUrl = '';
  let botUrl = options.botUrl;
  const ctx: MethodContext = { workspace, identity, ids, now, baseUrl: '' };
  const calls = createObservedLog<RecordedCall>('a Web API call');
  const responseUrls = createResponseUrls({
    workspace,
    identity,
    ids,
    now,
    baseUrl: () => baseUrl,
  });
  const deliver = createDeliverer({ workspace, identity, ids, now, responseUrls });
  const ui = createUiRoutes({ workspace, identity, deliver, botUrl: () => botUrl });

  const slackRoute: Route = async (req, res, path) => {
    if (req.method !== 'POST') return false;
    if (path.startsWith(API_PATH)) {
      const method = path.slice(API_PATH.length);
      await handleWebApi(method, req, res, { ctx, intercept: options.interceptWebApi, calls });
    } else if (path.startsWith(UPLOAD_PATH)) {
      await handleUpload(path.slice(UPLOAD_PATH.length), req, res, workspace);
    } else if (path.startsWith(RESPONSE_URL_PATH)) {
      await responseUrls.handle(req, res);
    } else return false;
    return true;
  };
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', baseUrl).pathname;
    if (await slackRoute(req, res, path)) return;
    if (await ui.handle(req, res, path)) return;
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(error) });
    });
  });
  baseUrl = await listen(server, options.port ?? 0);
  ctx.baseUrl = baseUrl;

  return {
    url: `${baseUrl}/`,
    apiUrl: `${baseUrl}${API_PATH}`,
    baseUrl,
    botToken: identity.botToken,
    signingSecret: identity.signingSecret,
    identity,
    state: workspace,
    calls: calls.items,
    responses: responseUrls.posts.items,
    deliver,
    botUrl: () => botUrl,
    setBotUrl: (url) => {
      botUrl = url;
    },
    callsTo: (method) => calls.items.filter((call) => call.method === method),
    waitForCall: (predicate, timeoutMs) => calls.waitFor(predicate, timeoutMs),
    waitForResponse: (predicate = () => true, timeoutMs = undefined) =>
      responseUrls.posts.waitFor(predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        ui.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
