import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Logger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Clock } from '../core/ports.ts';

/**
 * Slack's HTTP mode on our one HTTP server: `POST /slack/events` (events,
 * slash commands, interactions). Every request is verified (v0 signature
 * over the raw body, timestamp within 5 minutes: Bolt's own check) before
 * anything is parsed; a bad or stale one gets 401 and reaches no listener.
 * Listeners ack within Slack's 3 seconds; one that does not is answered
 * by Bolt's unhandled-request handler.
 */
export interface HttpReceiverOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface SlackHttpReceiver extends Receiver {
  /** The route handler for our HTTP server. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const bodyLimit = 1024 * 1024;

export function createHttpReceiver(options: HttpReceiverOptions): SlackHttpReceiver {
  const { logger } = options;
  let app: App | undefined;

  async function verified(req: IncomingMessage, res: ServerResponse) {
    try {
      return await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
        {
          signingSecret: options.signingSecret,
          nowMilliseconds: () => options.clock.now().getTime(),
          logger,
          bodyLimit,
        },
        req,
      );
    } catch (err) {
      if (HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413) {
        HTTPModuleFunctions.buildNoBodyResponse(res, 413);
      } else {
        logger.warn(`slack request refused: ${(err as Error).message}`);
        HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      }
      return undefined;
    }
  }

  function parsed(buffered: Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]) {
    try {
      return HTTPModuleFunctions.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch (err) {
      logger.warn(`slack request body malformed: ${(err as Error).message}`);
      return undefined;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const buffered = await verified(req, res);
    if (buffered === undefined) return;
    const body = parsed(buffered);
    if (body === undefined) return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    if (body.ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') {
      return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    }
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      ...optional('retryNum', HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req)),
      ...optional('retryReason', HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req)),
    };
    try {
      await app?.processEvent(event);
    } catch (err) {
      logger.error(`slack event not processed: ${(err as Error).message}`);
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    }
  }

  return {
    init: (bolt) => {
      app = bolt;
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    handle,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
