import type { KubeEvent } from '../../core/kube/cluster-objects.ts';
import type { ClusterPort } from '../../core/ports.ts';

/** What the `events` tool asks: a namespace and/or one object, warnings only or all. */
export interface EventsQuery {
  readonly namespace?: string | undefined;
  readonly kind?: string | undefined;
  readonly name?: string | undefined;
  readonly warningsOnly: boolean;
  readonly limit: number;
}

/** The Events the `events` tool answers with, compacted or raw. */
export async function queryEvents(cluster: ClusterPort, input: EventsQuery): Promise<KubeEvent[]> {
  const listed = await cluster.events({
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    ...(input.kind !== undefined && input.name !== undefined
      ? { involvedObject: { kind: input.kind, name: input.name } }
      : {}),
    limit: input.limit,
  });
  return listed.items.filter(
    (e) =>
      (!input.warningsOnly || e.type === 'Warning') &&
      (input.kind === undefined ||
        e.involvedObject.kind?.toLowerCase() === input.kind.toLowerCase()),
  );
}
