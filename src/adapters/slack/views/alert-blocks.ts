import type { KnownBlock, MessageAttachment } from '@slack/types';
import type { SourceEvent } from '../../../core/events/source-event.ts';
import { context, fields, header, section } from './block-builders.ts';
import { formatTime } from './chat-format.ts';
import { escapeMrkdwn, slackLimits, truncate } from './slack-limits.ts';

/**
 * The parent message of an alert thread: coloured by severity (green once
 * resolved), the alert names, the labels that matter, and links to
 * Alertmanager and to Prometheus's graph of each alert's expression.
 */
export const severityColours: Readonly<Record<string, string>> = {
  critical: '#d92d20',
  error: '#d92d20',
  warning: '#f79009',
  info: '#2e90fa',
  none: '#98a2b3',
};
export const resolvedColour = '#12b76a';

/** Labels people triage by, shown first and in this order. */
const labelsThatMatter = [
  'namespace',
  'deployment',
  'statefulset',
  'daemonset',
  'job_name',
  'pod',
  'container',
  'node',
  'service',
  'instance',
  'cluster',
];
const hiddenLabels = new Set(['alertname', 'severity', 'prometheus', 'endpoint', 'uid']);
const maxLabels = 8;

export interface AlertView {
  readonly status: 'firing' | 'resolved';
  /** How often Alertmanager sent the group again within the dedup window. */
  readonly occurrences?: number;
}

function colourOf(event: SourceEvent, view: AlertView): string {
  if (view.status === 'resolved') return resolvedColour;
  return severityColours[event.severity ?? 'none'] ?? severityColours.none ?? '#98a2b3';
}

function alertNames(event: SourceEvent): string[] {
  const names = event.alerts.map((a) => a.labels.alertname ?? '').filter((n) => n !== '');
  const fallback = event.labels.alertname;
  const all = names.length > 0 ? names : fallback === undefined ? [] : [fallback];
  return [...new Set(all)];
}

function shownLabels(event: SourceEvent): string[] {
  const keys = Object.keys(event.labels).filter((k) => !hiddenLabels.has(k));
  const ranked = [
    ...labelsThatMatter.filter((k) => keys.includes(k)),
    ...keys.filter((k) => !labelsThatMatter.includes(k)).sort(),
  ];
  return ranked
    .slice(0, maxLabels)
    .map((k) => `*${escapeMrkdwn(k)}*\n\`${escapeMrkdwn(event.labels[k] ?? '')}\``);
}

function alertmanagerLink(event: SourceEvent): string | undefined {
  if (event.externalURL === undefined) return undefined;
  const matchers = Object.entries(event.labels)
    .filter(([k]) => k === 'alertname' || k === 'namespace')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const filter = encodeURIComponent(`{${matchers}}`);
  return `<${event.externalURL.replace(/\/$/, '')}/#/alerts?filter=${filter}|Alertmanager>`;
}

function prometheusLinks(event: SourceEvent): string[] {
  const urls = [...new Set(event.alerts.map((a) => a.generatorURL).filter((u) => u !== undefined))];
  return urls.slice(0, 3).map((u, i) => `<${u}|Prometheus${urls.length > 1 ? ` ${i + 1}` : ''}>`);
}

function statusLine(event: SourceEvent, view: AlertView): string {
  const count = event.alerts.length + (event.truncatedAlerts ?? 0);
  const alerts = `${count} alert${count === 1 ? '' : 's'}`;
  const since = event.alerts[0]?.startsAt;
  const when = since === undefined ? '' : ` since ${formatTime(since)}`;
  const repeats =
    view.occurrences === undefined || view.occurrences < 2 ? '' : ` · fired ${view.occurrences}×`;
  const state = view.status === 'resolved' ? ':white_check_mark: *RESOLVED*' : ':fire: *FIRING*';
  return `${state} · ${alerts}${when}${repeats}`;
}

function summaryOf(event: SourceEvent): string | undefined {
  const a = event.annotations;
  return a.summary ?? a.description ?? a.message ?? event.alerts[0]?.annotations.summary;
}

export function alertText(event: SourceEvent, view: AlertView): string {
  const state =
    view.status === 'resolved' ? '[RESOLVED]' : `[${(event.severity ?? 'firing').toUpperCase()}]`;
  return truncate(`${state} ${event.title}`, slackLimits.headerText * 2);
}

export function alertBlocks(event: SourceEvent, view: AlertView): KnownBlock[] {
  const names = alertNames(event)
    .map((n) => `\`${escapeMrkdwn(n)}\``)
    .join(', ');
  const summary = summaryOf(event);
  const links = [alertmanagerLink(event), ...prometheusLinks(event)].filter(
    (l): l is string => l !== undefined,
  );
  const labels = shownLabels(event);
  return [
    header(`${view.status === 'resolved' ? '✅ Resolved: ' : ''}${event.title}`),
    section(
      `${statusLine(event, view)}\n${names}${summary === undefined ? '' : `\n${escapeMrkdwn(summary)}`}`,
    ),
    ...(labels.length === 0 ? [] : [fields(labels)]),
    context([
      `severity *${escapeMrkdwn(event.severity ?? 'none')}*`,
      `source ${escapeMrkdwn(`${event.source.namespace}/${event.source.name}`)}`,
      ...links,
    ]),
  ];
}

/** The parent as Slack shows it with a colour bar: one attachment holding the blocks. */
export function alertAttachments(event: SourceEvent, view: AlertView): MessageAttachment[] {
  return [
    {
      color: colourOf(event, view),
      blocks: alertBlocks(event, view),
      fallback: alertText(event, view),
    },
  ];
}
