import {
  ErrorCode,
  type WebAPICallResult,
  WebClient,
  WebClientEvent,
  type WebClientOptions,
} from '@slack/web-api';
import { Counter, type Registry } from 'prom-client';

/**
 * Slack API errors as a metric (SPEC §6): `punchingfist_slack_api_errors_total
 * {method, error}`. Every call of the bot and the thread sink goes through
 * the one WebClient the wiring builds, so it is counted there: each 429 Slack
 * answers (`ratelimited`, also when the retry then succeeds), and each call
 * that finally fails: Slack's platform error (`channel_not_found`, …),
 * `http_<status>` once 5xx retries are spent, or `request_error` (network).
 */
export interface SlackApiErrors {
  count(method: string, error: string): void;
}

export function createSlackApiErrors(registry: Registry): SlackApiErrors {
  const errors = new Counter({
    name: 'punchingfist_slack_api_errors_total',
    help: 'Slack Web API calls that failed or were rate limited, by method and Slack error.',
    labelNames: ['method', 'error'] as const,
    registers: [registry],
  });
  return { count: (method, error) => errors.inc({ method: label(method), error: label(error) }) };
}

/** Slack's method names and error codes are short snake/dot words; anything else is folded. */
function label(value: string): string {
  return /^[A-Za-z0-9_.]{1,64}$/.test(value) ? value : 'other';
}

/** The error label of a failed call, from @slack/web-api's error classes. */
export function slackErrorCode(err: unknown): string {
  const e = err as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  switch (e.code) {
    case ErrorCode.PlatformError:
      return typeof e.data?.error === 'string' ? e.data.error : 'platform_error';
    case ErrorCode.HTTPError:
      return `http_${String(e.statusCode)}`;
    case ErrorCode.RateLimitedError:
      return 'ratelimited';
    case ErrorCode.RequestError:
      return 'request_error';
    default:
      return 'other';
  }
}

/** The method of a Web API URL (`…/api/chat.postMessage` → `chat.postMessage`). */
const methodOfUrl = (url: unknown): string =>
  typeof url === 'string' ? (url.split('?')[0]?.split('/').pop() ?? '') : '';

/**
 * A WebClient that counts its errors. WebClient binds `chat.postMessage`
 * and the other methods to `apiCall` when constructed, so overriding it
 * sees every call.
 */
export class CountingWebClient extends WebClient {
  private readonly errors: SlackApiErrors;

  constructor(token: string | undefined, options: WebClientOptions, errors: SlackApiErrors) {
    super(token, options);
    this.errors = errors;
    this.on(WebClientEvent.RATE_LIMITED, (_seconds: number, request: { url?: unknown }) =>
      errors.count(methodOfUrl(request?.url), 'ratelimited'),
    );
  }

  override async apiCall(
    method: string,
    options?: Record<string, unknown>,
  ): Promise<WebAPICallResult> {
    try {
      return await super.apiCall(method, options);
    } catch (err) {
      const code = slackErrorCode(err);
      // Each 429 was counted as it came (above); a call failing on one is not counted twice.
      if (code !== 'ratelimited') this.errors.count(method, code);
      throw err;
    }
  }
}
