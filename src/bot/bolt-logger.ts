import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt's and the Slack clients' logger interface over our pino logger (one log stream). */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  const text = (msg: unknown[]) =>
    msg.map((m) =>
      typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m),
    );
  const levels: Record<string, LogLevel> = {
    debug: LogLevel.DEBUG,
    trace: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
  };
  return {
    debug: (...msg) => child.debug(text(msg).join(' ')),
    info: (...msg) => child.info(text(msg).join(' ')),
    warn: (...msg) => child.warn(text(msg).join(' ')),
    error: (...msg) => child.error(text(msg).join(' ')),
    // Our LOG_LEVEL decides; Bolt's own level changes are ignored.
    setLevel: () => undefined,
    getLevel: () => levels[child.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}
