import type { KubeEvent } from './cluster-objects.ts';
import type { HasMeta } from './meta.ts';

/** When an event last happened, across the old (count) and new (series) event styles. */
export function eventTime(event: KubeEvent): string | undefined {
  return (
    event.lastTimestamp ??
    event.series?.lastObservedTime ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata.creationTimestamp
  );
}

export function eventCount(event: KubeEvent): number {
  return event.series?.count ?? event.count ?? 1;
}

function time(event: KubeEvent): number {
  const text = eventTime(event);
  return text === undefined ? 0 : Date.parse(text);
}

/** The events about one object, newest first. */
export function eventsFor(
  events: readonly KubeEvent[],
  kind: string,
  object: HasMeta,
): KubeEvent[] {
  const { name, namespace, uid } = object.metadata;
  return events
    .filter((e) => {
      const io = e.involvedObject;
      if (io.kind !== kind || io.name !== name) return false;
      if (namespace !== undefined && io.namespace !== undefined && io.namespace !== namespace) {
        return false;
      }
      return uid === undefined || io.uid === undefined || io.uid === uid;
    })
    .sort((a, b) => time(b) - time(a));
}

/** One line for an event: `Warning BackOff (x12): Back-off restarting failed container`. */
export function describeEvent(event: KubeEvent): string {
  const count = eventCount(event);
  const times = count > 1 ? ` (x${count})` : '';
  return `${event.type ?? 'Normal'} ${event.reason ?? ''}${times}: ${event.message ?? ''}`.trim();
}
