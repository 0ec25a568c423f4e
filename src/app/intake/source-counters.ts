import type { StatusCounters } from '../../controllers/status-counters.ts';
import type { Clock } from '../../core/ports.ts';
import type { IngestOutcome, IntakeDeps } from './event-intake.ts';

/** What each intake outcome adds to the Source's status counters. */
const counted: Record<IngestOutcome, Record<string, number>> = {
  enqueued: { eventsReceived: 1, runsStarted: 1 },
  deduplicated: { eventsReceived: 1, eventsDeduplicated: 1 },
  resolved: { eventsReceived: 1 },
  filtered: { eventsReceived: 1, eventsFiltered: 1 },
  suspended: { eventsReceived: 1 },
  rate_limited: { eventsReceived: 1, eventsRateLimited: 1 },
};

/**
 * The intake's onEvent that counts each outcome on the Source's status
 * (cluster mode). `counters` is read at each event, so a role that creates
 * its counters after its intake (the controller's watch duties) still counts.
 */
export function countSourceEvents(
  counters: () => StatusCounters | undefined,
  clock: Clock,
): NonNullable<IntakeDeps['onEvent']> {
  return (source, outcome) => {
    counters()?.record('sources', source.metadata.namespace ?? 'default', source.metadata.name, {
      add: counted[outcome],
      set: { lastEventTime: clock.now().toISOString() },
    });
  };
}
