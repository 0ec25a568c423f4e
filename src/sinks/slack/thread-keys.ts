import type { RunRef } from '../../core/workflow/run-context.ts';

/** Redis keys of the Slack thread sink, under the app's prefix. */
export function runKey(prefix: string, run: RunRef): string {
  return `${prefix}slack:run:${run.namespace}/${run.name}`;
}

/** The alert group's threads, one per configured channel: fields `thread:<channel>`. */
export function alertGroupKey(prefix: string, fingerprint: string): string {
  return `${prefix}slack:alert:${fingerprint}`;
}

export const threadFieldPrefix = 'thread:';

export function threadField(channel: string): string {
  return `${threadFieldPrefix}${channel}`;
}

/** The marker a message carries in its metadata: its slot, without the app's prefix. */
export function markerOf(key: string, field: string, prefix: string): string {
  return `${key.slice(prefix.length)}#${field}`;
}
