// Starts a real Bolt App in HTTP mode on 127.0.0.1, wired to a SlackFake: the fake's
// signing secret, bot token and Web API URL. Tests register listeners, then deliver.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { RunningWorkspace } from '../../../src/workspace/index.ts';

/** What the harness needs of a workspace: where its Web API is and how it signs. */
type SlackEndpoint = Pick<RunningWorkspace, 'apiUrl' | 'botToken' | 'signingSecret'>;

export interface BoltHarnessOptions {
  /** Bolt's option: answer Slack only after listeners finish (FaaS style). */
  processBeforeResponse?: boolean;
  logLevel?: LogLevel;
}

export interface BoltHarness {
  app: App;
  /** The Request URL to deliver to. */
  url: string;
  stop(): Promise<void>;
}

/** Retries at once: the fake's Retry-After is what the tests wait on, not backoff. */
const QUICK_RETRIES = { retries: 5, factor: 1, minTimeout: 0, maxTimeout: 10 };

export async function startBoltApp(
  fake: SlackEndpoint,
  register: (app: App) => void,
  options: BoltHarnessOptions = {},
): Promise<BoltHarness> {
  const logLevel = options.logLevel ?? LogLevel.ERROR;
  const receiver = new HTTPReceiver({
    signingSecret: fake.signingSecret,
    processBeforeResponse: options.processBeforeResponse ?? false,
    logLevel,
  });
  const app = new App({
    token: fake.botToken,
    receiver,
    logLevel,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: QUICK_RETRIES },
  });
  register(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}
