import type { KubeEvent } from '../../core/kube/cluster-objects.ts';
import { normalizeLine } from './log-lines.ts';

/**
 * Events as one line each, newest last, the same event (type, reason,
 * object, message once normalised) merged with its counts added.
 */
interface Row {
  last: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
}

const when = (e: KubeEvent) =>
  e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? '';

export function renderEvents(events: readonly KubeEvent[], maxRows = 40): string {
  const rows = new Map<string, Row>();
  const sorted = [...events].sort((a, b) => when(a).localeCompare(when(b)));
  for (const e of sorted) {
    const object = `${e.involvedObject.kind ?? '?'}/${e.involvedObject.name ?? '?'}`;
    const message = (e.message ?? '').trim();
    const key = [e.type, e.reason, object, normalizeLine(message)].join('|');
    const count = e.series?.count ?? e.count ?? 1;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, {
        last: when(e),
        type: e.type ?? '',
        reason: e.reason ?? '',
        object,
        message,
        count,
      });
    } else {
      row.count += count;
      row.last = when(e) || row.last;
    }
  }
  const all = [...rows.values()].sort((a, b) => a.last.localeCompare(b.last));
  const shown = all.slice(-maxRows);
  const lines = shown.map(
    (r) =>
      `${r.last || '-'}  ${r.type}  ${r.reason}  ${r.object}  ${r.message}${r.count > 1 ? `  (×${r.count})` : ''}`,
  );
  const merged = events.length - all.length;
  const notes = [
    merged > 0 ? `${merged} repeated events merged` : '',
    all.length > shown.length ? `${all.length - shown.length} older events left out` : '',
  ].filter((n) => n !== '');
  if (lines.length === 0) return 'no events';
  return notes.length === 0
    ? lines.join('\n')
    : `[${events.length} events; ${notes.join('; ')}]\n${lines.join('\n')}`;
}
