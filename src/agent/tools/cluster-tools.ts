import { z } from 'zod';
import { isClusterScoped } from '../../core/kube/kinds.ts';
import { objectRef } from '../../core/kube/refs.ts';
import type { ClusterPort } from '../../core/ports.ts';
import { renderEvents } from '../compaction/render-events.ts';
import { renderList } from '../compaction/render-list.ts';
import { renderObject } from '../compaction/render-object.ts';
import { queryEvents } from './events-query.ts';
import type { AgentTool } from './tool.ts';
import { kindInput, nameInput, namespaceInput } from './tool-input.ts';

/**
 * get_resource, list_resources, describe and events: read-only views of
 * the cluster through the ClusterPort (which never returns Secret data and
 * applies the namespace allow/deny lists).
 */
const getInput = z.strictObject({
  kind: kindInput,
  name: nameInput,
  namespace: namespaceInput.optional(),
});

function notFound(kind: string, name: string, namespace: string | undefined) {
  return { text: `${objectRef(kind, name, namespace)} not found`, isError: true };
}

export function getResourceTool(cluster: ClusterPort): AgentTool<typeof getInput> {
  return {
    name: 'get_resource',
    description:
      'Read one Kubernetes object (YAML, managed fields and noise removed). Secrets show key names only.',
    input: getInput,
    async run({ kind, name, namespace }, context) {
      const ns = isClusterScoped(kind) ? undefined : namespace;
      context.progress(`get ${objectRef(kind, name, ns)}`);
      const object = await cluster.get(kind, name, ns);
      if (object === undefined) return notFound(kind, name, ns);
      return { text: renderObject(object), sources: [objectRef(kind, name, ns)] };
    },
  };
}

const listInput = z.strictObject({
  kind: kindInput,
  namespace: namespaceInput
    .optional()
    .describe('Namespace; omit to list across all allowed namespaces'),
  labelSelector: z.string().max(1024).optional().describe('e.g. app=web,tier!=db'),
  fieldSelector: z.string().max(1024).optional().describe('e.g. status.phase!=Running'),
  limit: z.int().min(1).max(500).default(100),
});

export function listResourcesTool(cluster: ClusterPort): AgentTool<typeof listInput> {
  return {
    name: 'list_resources',
    description:
      'List objects of a kind, one line each with their status (phase, readiness, restarts, replicas).',
    input: listInput,
    async run(input, context) {
      context.progress(`list ${input.kind}${input.namespace ? ` -n ${input.namespace}` : ''}`);
      const listed = await cluster.list(input.kind, {
        ...(input.namespace === undefined || isClusterScoped(input.kind)
          ? {}
          : { namespace: input.namespace }),
        ...(input.labelSelector === undefined ? {} : { labelSelector: input.labelSelector }),
        ...(input.fieldSelector === undefined ? {} : { fieldSelector: input.fieldSelector }),
        limit: input.limit,
      });
      return { text: renderList(input.kind, listed.items, listed.truncated) };
    },
  };
}

export function describeTool(cluster: ClusterPort): AgentTool<typeof getInput> {
  return {
    name: 'describe',
    description:
      'An object, its owner chain (Pod → ReplicaSet → Deployment) and its recent events.',
    input: getInput,
    async run({ kind, name, namespace }, context) {
      const ns = isClusterScoped(kind) ? undefined : namespace;
      const ref = objectRef(kind, name, ns);
      context.progress(`describe ${ref}`);
      const object = await cluster.get(kind, name, ns);
      if (object === undefined) return notFound(kind, name, ns);
      const [owners, events] = await Promise.all([
        cluster.ownerChain(object),
        cluster.events({
          ...(ns === undefined ? {} : { namespace: ns }),
          involvedObject: { kind, name },
          limit: 200,
        }),
      ]);
      const chain = owners.map((o) => `${o.kind}/${o.name}`).join(' → ');
      return {
        text: [
          renderObject(object),
          `--- owners: ${chain === '' ? 'none' : chain}`,
          '--- events:',
          renderEvents(events.items),
        ].join('\n'),
        sources: [ref],
      };
    },
  };
}

const eventsInput = z.strictObject({
  namespace: namespaceInput.optional().describe('Namespace; omit for all allowed namespaces'),
  kind: z.string().max(64).optional().describe('Only events about objects of this kind'),
  name: z
    .string()
    .max(253)
    .optional()
    .describe('Only events about the object with this name (needs kind)'),
  warningsOnly: z.boolean().default(false),
  limit: z.int().min(1).max(500).default(200),
});

export function eventsTool(cluster: ClusterPort): AgentTool<typeof eventsInput> {
  return {
    name: 'events',
    description:
      'Kubernetes Events by namespace or object, newest last, repeats merged; optionally warnings only.',
    input: eventsInput,
    async run(input, context) {
      context.progress(
        `events${input.namespace ? ` -n ${input.namespace}` : ''}${input.name ? ` ${input.kind}/${input.name}` : ''}`,
      );
      return { text: renderEvents(await queryEvents(cluster, input)) };
    },
  };
}
