import type { SourceEvent } from './events/source-event.ts';

/**
 * What ingest tells the chat side about an alert group it did not start a
 * run for: Alertmanager sent it again within the dedup window (a re-fire,
 * counted), or sent it resolved. The Slack adapter replies in the group's
 * thread and edits its parent; ingest never waits on it, and a failure
 * here never fails the webhook.
 */
export interface AlertThreadNotifier {
  refired(event: SourceEvent, occurrences: number): Promise<void>;
  resolved(event: SourceEvent): Promise<void>;
}
