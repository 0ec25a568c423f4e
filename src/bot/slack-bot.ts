import { App, type Receiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { RouteHandler } from '../adapters/http/server.ts';
import type { ChatRateLimiter, ChatRunDeps } from '../core/chatops/chat-runs.ts';
import type { Clock } from '../core/ports.ts';
import type { ApprovalGate } from '../core/remediation/proposal.ts';
import type { Workflow } from '../core/resources/index.ts';
import type { RunStore } from '../core/run-store.ts';
import { registerApprovalListener } from './approval-listener.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommandListener } from './command-listener.ts';
import { createHttpReceiver } from './http-receiver.ts';
import { registerMentionListener } from './mention-listener.ts';
import { createSlackDirectory } from './slack-directory.ts';
import { createSocketReceiver } from './socket-receiver.ts';

/**
 * The Slack bot: one Bolt App, one set of listeners (mentions, the slash
 * command, the proposal buttons), over either transport: Socket Mode (an
 * app token; no public ingress) or HTTP mode (`POST /slack/events` on our
 * server, signed requests). The WebClient comes from the composition root;
 * the listeners call Slack only through it.
 */
export type SlackTransport =
  | { readonly mode: 'http'; readonly signingSecret: string }
  | {
      readonly mode: 'socket';
      readonly appToken: string;
      /** Where `apps.connections.open` is called; default: the client's API URL. */
      readonly apiUrl?: string;
    };

export interface SlackBotDeps {
  readonly client: WebClient;
  readonly transport: SlackTransport;
  readonly registry: ChatRunDeps['registry'] & { workflows(): readonly Workflow[] };
  readonly queue: ChatRunDeps['queue'];
  readonly cluster: ChatRunDeps['cluster'];
  readonly runs: RunStore;
  /** The slack Sources' rate limits (Redis token buckets); none: unlimited. */
  readonly limiter?: ChatRateLimiter;
  readonly gate?: ApprovalGate;
  /** The deployment's default approver groups, resolved for proposals that name no approvers. */
  readonly defaultApproverGroups?: readonly string[];
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface SlackBot {
  /** HTTP mode: mount on `POST /slack/events`. */
  readonly route?: RouteHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function receiverFor(deps: SlackBotDeps) {
  const logger = boltLogger(deps.logger);
  const { transport } = deps;
  if (transport.mode === 'http') {
    return createHttpReceiver({
      signingSecret: transport.signingSecret,
      logger,
      clock: deps.clock,
    });
  }
  return createSocketReceiver({
    appToken: transport.appToken,
    apiUrl: transport.apiUrl ?? deps.client.slackApiUrl,
    logger,
  });
}

/** Bolt's authorization from our client: one auth.test, remembered (retried after a failure). */
function authorizeWith(client: WebClient) {
  let identity: Promise<{ botToken: string; botId: string; botUserId: string }> | undefined;
  const load = async () => {
    const auth = await client.auth.test();
    return {
      botToken: client.token ?? '',
      botId: String(auth.bot_id ?? ''),
      botUserId: String(auth.user_id ?? ''),
    };
  };
  return () => {
    identity ??= load().catch((err: unknown) => {
      identity = undefined;
      throw err;
    });
    return identity;
  };
}

export function createSlackBot(deps: SlackBotDeps): SlackBot {
  const receiver: Receiver & { handle?: RouteHandler } = receiverFor(deps);
  const app = new App({
    receiver,
    authorize: authorizeWith(deps.client),
    logger: boltLogger(deps.logger),
    clientOptions: { slackApiUrl: deps.client.slackApiUrl },
  });
  const directory = createSlackDirectory(deps.client, deps.clock);
  const runs: ChatRunDeps = {
    registry: deps.registry,
    queue: deps.queue,
    cluster: deps.cluster,
    directory,
    clock: deps.clock,
    ...(deps.limiter === undefined ? {} : { limiter: deps.limiter }),
  };
  const decisions = {
    directory,
    client: deps.client,
    logger: deps.logger,
    ...(deps.defaultApproverGroups === undefined
      ? {}
      : { defaultApproverGroups: deps.defaultApproverGroups }),
  };
  registerMentionListener(app, { client: deps.client, runs, logger: deps.logger });
  registerCommandListener(app, {
    runs,
    registry: deps.registry,
    store: deps.runs,
    decisions: { ...decisions, gate: deps.gate },
    logger: deps.logger,
  });
  if (deps.gate !== undefined) registerApprovalListener(app, { ...decisions, gate: deps.gate });
  app.error(async (err) => {
    deps.logger.error({ err }, 'slack listener failed');
  });
  return {
    ...(receiver.handle === undefined ? {} : { route: receiver.handle }),
    start: async () => {
      await app.start();
    },
    stop: async () => {
      await app.stop();
    },
  };
}
