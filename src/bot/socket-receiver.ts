import type { App, Logger, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';

/**
 * Socket Mode: Slack pushes events over a websocket the app opens with its
 * app token (`apps.connections.open`), so no public ingress is needed.
 * Bolt's own SocketModeReceiver cannot point `apps.connections.open` at
 * SLACK_API_URL; this one can. Each envelope is acked through the socket.
 */
export interface SocketReceiverOptions {
  readonly appToken: string;
  /** Slack's Web API base (SLACK_API_URL), where the connection is opened. */
  readonly apiUrl: string;
  readonly logger: Logger;
}

interface SlackEventArgs {
  readonly body: Record<string, unknown>;
  readonly ack: (response?: Record<string, unknown>) => Promise<void>;
  readonly retry_num?: number;
  readonly retry_reason?: string;
}

function ackOnce(ack: SlackEventArgs['ack']): ReceiverEvent['ack'] {
  let acked = false;
  return async (response) => {
    if (acked) return;
    acked = true;
    await ack(response === undefined || typeof response === 'string' ? undefined : response);
  };
}

export function createSocketReceiver(options: SocketReceiverOptions): Receiver {
  const { logger } = options;
  const client = new SocketModeClient({
    appToken: options.appToken,
    logger,
    clientOptions: { slackApiUrl: options.apiUrl },
  });
  let app: App | undefined;

  const dispatch = async (args: SlackEventArgs): Promise<void> => {
    const event: ReceiverEvent = {
      body: args.body,
      ack: ackOnce(args.ack),
      ...(args.retry_num === undefined ? {} : { retryNum: args.retry_num }),
      ...(args.retry_reason === undefined ? {} : { retryReason: args.retry_reason }),
    };
    try {
      await app?.processEvent(event);
    } catch (err) {
      logger.error(`slack event not processed: ${(err as Error).message}`);
      await event.ack();
    }
  };
  client.on('slack_event', (args: SlackEventArgs) => {
    dispatch(args).catch((err: unknown) => {
      logger.error(`slack event not acknowledged: ${(err as Error).message}`);
    });
  });

  return {
    init: (bolt) => {
      app = bolt;
    },
    start: () => client.start(),
    stop: async () => {
      await client.disconnect();
    },
  };
}
