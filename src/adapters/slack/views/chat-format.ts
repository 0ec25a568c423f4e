import { escapeMrkdwn } from './slack-limits.ts';

/** A decider as people read it: a Slack mention, the CLI user, or the policy. */
export function formatActor(id: string): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(id)) return `<@${id}>`;
  if (id.startsWith('cli:')) return `${escapeMrkdwn(id.slice(4))} (CLI)`;
  if (id.startsWith('policy:')) return 'auto-approval policy';
  return escapeMrkdwn(id);
}

/** A time each reader sees in their own time zone, with the ISO text as fallback. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const seconds = Math.floor(ms / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${iso}>`;
}

export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Milliseconds as `1m 05s` / `4.2s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}
