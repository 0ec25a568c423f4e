import type { SlackTransport } from './slack-bot.ts';

/**
 * Which Slack transport the environment asks for: Socket Mode when an app
 * token is set (no public ingress needed), else HTTP mode with the signing
 * secret; without a bot token, or with neither of the others, no bot (and
 * why, for the log).
 */
export interface SlackSettings {
  readonly SLACK_BOT_TOKEN?: string | undefined;
  readonly SLACK_APP_TOKEN?: string | undefined;
  readonly SLACK_SIGNING_SECRET?: string | undefined;
}

export type TransportChoice =
  | { readonly ok: true; readonly botToken: string; readonly transport: SlackTransport }
  | { readonly ok: false; readonly reason: string };

export function slackTransport(settings: SlackSettings): TransportChoice {
  const botToken = settings.SLACK_BOT_TOKEN;
  if (botToken === undefined) return { ok: false, reason: 'SLACK_BOT_TOKEN is not set' };
  if (settings.SLACK_APP_TOKEN !== undefined) {
    return {
      ok: true,
      botToken,
      transport: { mode: 'socket', appToken: settings.SLACK_APP_TOKEN },
    };
  }
  if (settings.SLACK_SIGNING_SECRET !== undefined) {
    return {
      ok: true,
      botToken,
      transport: { mode: 'http', signingSecret: settings.SLACK_SIGNING_SECRET },
    };
  }
  return {
    ok: false,
    reason:
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is',
  };
}
