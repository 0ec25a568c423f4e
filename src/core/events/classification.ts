import type { priorities } from '../resources/source-ingest.ts';
import type { SourceEvent } from './source-event.ts';

/**
 * Classification of an event: its environment (the value of a label on the
 * affected namespace, read by the adapter) and its priority, looked up in
 * severity × environment rows — the Source's own rows first, then the
 * default table below. The first matching row wins.
 */
export type Priority = (typeof priorities)[number];

export interface PriorityRow {
  readonly severity?: string | undefined;
  readonly environment?: string | undefined;
  readonly priority: Priority;
}

/** An unknown environment ranks between production and the rest: we cannot tell it is harmless. */
export const defaultPriorityTable: readonly PriorityRow[] = [
  { severity: 'critical', environment: 'production', priority: 'P1' },
  { severity: 'critical', environment: 'staging', priority: 'P3' },
  { severity: 'critical', environment: 'development', priority: 'P4' },
  { severity: 'critical', priority: 'P2' },
  { severity: 'error', environment: 'production', priority: 'P2' },
  { severity: 'warning', environment: 'production', priority: 'P3' },
  { severity: 'error', priority: 'P3' },
  { severity: 'warning', priority: 'P4' },
  { priority: 'P5' },
];

const same = (row: string | undefined, value: string | undefined) =>
  row === undefined || row.toLowerCase() === (value ?? '').toLowerCase();

export function priorityOf(
  severity: string | undefined,
  environment: string | undefined,
  overrides: readonly PriorityRow[] | undefined = [],
): Priority {
  for (const table of [overrides ?? [], defaultPriorityTable]) {
    const row = table.find((r) => same(r.severity, severity) && same(r.environment, environment));
    if (row !== undefined) return row.priority;
  }
  return 'P5';
}

/** The event with its environment (when known) and priority set. */
export function classify(
  event: SourceEvent,
  environment: string | undefined,
  overrides?: readonly PriorityRow[],
): SourceEvent {
  const priority = priorityOf(event.severity, environment, overrides);
  return environment === undefined ? { ...event, priority } : { ...event, environment, priority };
}

/** The namespace an event is about: its `namespace` label, else the first alert's. */
export function namespaceOfEvent(event: SourceEvent): string | undefined {
  return event.labels.namespace ?? event.alerts.find((a) => a.labels.namespace)?.labels.namespace;
}
