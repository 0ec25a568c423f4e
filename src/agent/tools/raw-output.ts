import type { z } from 'zod';
import { isClusterScoped, type KindName } from '../../core/kube/kinds.ts';
import { objectRef } from '../../core/kube/refs.ts';
import type { ClusterPort } from '../../core/ports.ts';
import { type EventsQuery, queryEvents } from './events-query.ts';
import type { AgentTool, AgentToolContext, ToolOutput } from './tool.ts';

/**
 * The uncompacted baseline of the cluster tools: when the loop runs with
 * compaction off (AgentDeps.compaction = false, the token bench), these
 * answer with what `kubectl get -o json` would print — the objects as JSON
 * (managed fields already dropped by the adapter), events as a JSON list —
 * instead of the compacted YAML and merged lines. With compaction on, the
 * wrapped tool runs unchanged.
 */
type RawRun<I extends z.ZodType> = (
  input: z.infer<I>,
  context: AgentToolContext,
) => Promise<ToolOutput>;

export function withRawOutput<I extends z.ZodType>(
  tool: AgentTool<I>,
  raw: RawRun<I>,
): AgentTool<I> {
  return {
    ...tool,
    run: (input, context) =>
      context.compaction === false ? raw(input, context) : tool.run(input, context),
  };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

interface ObjectInput {
  readonly kind: KindName;
  readonly name: string;
  readonly namespace?: string | undefined;
}

export function rawGet(cluster: ClusterPort) {
  return async ({ kind, name, namespace }: ObjectInput): Promise<ToolOutput> => {
    const ns = isClusterScoped(kind) ? undefined : namespace;
    const object = await cluster.get(kind, name, ns);
    const ref = objectRef(kind, name, ns);
    return object === undefined
      ? { text: `${ref} not found`, isError: true }
      : { text: json(object), sources: [ref] };
  };
}

export function rawDescribe(cluster: ClusterPort) {
  return async ({ kind, name, namespace }: ObjectInput): Promise<ToolOutput> => {
    const ns = isClusterScoped(kind) ? undefined : namespace;
    const ref = objectRef(kind, name, ns);
    const object = await cluster.get(kind, name, ns);
    if (object === undefined) return { text: `${ref} not found`, isError: true };
    const [owners, events] = await Promise.all([
      cluster.ownerChain(object),
      cluster.events({
        ...(ns === undefined ? {} : { namespace: ns }),
        involvedObject: { kind, name },
        limit: 200,
      }),
    ]);
    const chain = owners.map((o) => ({ kind: o.kind, name: o.name }));
    return { text: json({ object, owners: chain, events: events.items }), sources: [ref] };
  };
}

interface ListInput {
  readonly kind: KindName;
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  readonly limit: number;
}

export function rawList(cluster: ClusterPort) {
  return async (input: ListInput): Promise<ToolOutput> => {
    const listed = await cluster.list(input.kind, {
      ...(input.namespace === undefined || isClusterScoped(input.kind)
        ? {}
        : { namespace: input.namespace }),
      ...(input.labelSelector === undefined ? {} : { labelSelector: input.labelSelector }),
      ...(input.fieldSelector === undefined ? {} : { fieldSelector: input.fieldSelector }),
      limit: input.limit,
    });
    return { text: json({ kind: `${input.kind}List`, items: listed.items }) };
  };
}

export function rawEvents(cluster: ClusterPort) {
  return async (input: EventsQuery): Promise<ToolOutput> => ({
    text: json({ kind: 'EventList', items: await queryEvents(cluster, input) }),
  });
}
