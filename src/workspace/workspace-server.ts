// createSlackFake: an HTTP server on 127.0.0.1 speaking Slack's Web API, upload URLs and
// response_urls, holding a workspace in memory, and delivering signed requests to apps.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeliverer, type Deliverer } from './delivery.ts';
import { type FakeIdentity, resolveIdentity, type SlackFakeOptions } from './fake-options.ts';
import { createFaultPlan, type FaultSpec } from './faults.ts';
import { sendJson } from './http-io.ts';
import { createIdSource, createTsSource } from './ids.ts';
import { UPLOAD_PATH } from './methods/file-methods.ts';
import type { MethodContext } from './methods/method-types.ts';
import { createObservedLog } from './observed-log.ts';
import type { RecordedCall } from './recorded-call.ts';
import { createResponseUrls, RESPONSE_URL_PATH, type ResponseUrlPost } from './response-urls.ts';
import { handleUpload } from './upload-endpoint.ts';
import { handleWebApi } from './web-api-router.ts';
import { createWorkspace } from './workspace.ts';
import type { WorkspaceView } from './workspace-types.ts';

const API_PATH = '/api/';

export interface SlackFake {
  /** Pass as WebClient `slackApiUrl`; ends in `/api/`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly botToken: string;
  readonly signingSecret: string;
  readonly identity: FakeIdentity;
  readonly state: WorkspaceView;
  /** Every Web API call in arrival order, including rejected and fault-injected ones. */
  readonly calls: readonly RecordedCall[];
  /** Every accepted post to a response_url the fake minted. */
  readonly responses: readonly ResponseUrlPost[];
  readonly deliver: Deliverer;
  callsTo(method: string): RecordedCall[];
  waitForCall(
    predicate: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  waitForResponse(
    predicate?: (post: ResponseUrlPost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponseUrlPost>;
  failNext(fault: FaultSpec): void;
  /** Fails every n-th call matching `fault.method` (counting the failed ones). */
  failEvery(n: number, fault: FaultSpec): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function createSlackFake(options: SlackFakeOptions): Promise<SlackFake> {
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
  const ctx: MethodContext = { workspace, identity, ids, now, baseUrl: '' };
  const faults = createFaultPlan();
  const calls = createObservedLog<RecordedCall>('a Web API call');
  const responseUrls = createResponseUrls({
    workspace,
    identity,
    ids,
    now,
    baseUrl: () => baseUrl,
  });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', baseUrl).pathname;
    if (req.method === 'POST' && path.startsWith(API_PATH)) {
      return handleWebApi(path.slice(API_PATH.length), req, res, { ctx, faults, calls });
    }
    if (req.method === 'POST' && path.startsWith(UPLOAD_PATH)) {
      return handleUpload(path.slice(UPLOAD_PATH.length), req, res, workspace);
    }
    if (req.method === 'POST' && path.startsWith(RESPONSE_URL_PATH))
      return responseUrls.handle(req, res);
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  ctx.baseUrl = baseUrl;

  return {
    apiUrl: `${baseUrl}${API_PATH}`,
    baseUrl,
    botToken: identity.botToken,
    signingSecret: identity.signingSecret,
    identity,
    state: workspace,
    calls: calls.items,
    responses: responseUrls.posts.items,
    deliver: createDeliverer({ workspace, identity, ids, now, responseUrls }),
    callsTo: (method) => calls.items.filter((call) => call.method === method),
    waitForCall: (predicate, timeoutMs) => calls.waitFor(predicate, timeoutMs),
    waitForResponse: (predicate = () => true, timeoutMs = undefined) =>
      responseUrls.posts.waitFor(predicate, timeoutMs),
    failNext: (fault) => faults.failNext(fault),
    failEvery: (n, fault) => faults.failEvery(n, fault),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
