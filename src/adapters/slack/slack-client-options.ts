import { LogLevel, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * How every WebClient of the app talks to Slack: 429s wait for their
 * Retry-After (WebClient pauses its queue) and retry; 5xx and network
 * errors retry with backoff, about two minutes in all; pino logs.
 */
export interface SlackClientSettings {
  /** SLACK_API_URL: Slack's Web API base, or the local workspace / test fake. */
  readonly apiUrl?: string;
  readonly logger: Logger;
  readonly retries?: number;
  /** First backoff (ms); each retry doubles it, up to 30 s. */
  readonly minTimeoutMs?: number;
}

function pinoAdapter(logger: Logger) {
  const log = logger.child({ component: 'slack-web-api' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => log.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => log.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => log.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => log.error(msg.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function slackClientOptions(settings: SlackClientSettings): WebClientOptions {
  const base = settings.apiUrl?.replace(/\/?$/, '/');
  return {
    ...(base === undefined ? {} : { slackApiUrl: base }),
    logger: pinoAdapter(settings.logger),
    rejectRateLimitedCalls: false,
    timeout: 30_000,
    retryConfig: {
      retries: settings.retries ?? 8,
      factor: 2,
      minTimeout: settings.minTimeoutMs ?? 500,
      maxTimeout: 30_000,
      randomize: true,
    },
  };
}
