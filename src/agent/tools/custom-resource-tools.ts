import { z } from 'zod';
import { objectRef } from '../../core/kube/refs.ts';
import type { ApiResourceType, ClusterPort, PlainObject } from '../../core/ports.ts';
import { renderObject } from '../compaction/render-object.ts';
import type { AgentTool } from './tool.ts';
import { nameInput, namespaceInput } from './tool-input.ts';

/**
 * get_custom_resource and list_custom_resources: objects of any API group
 * but the core one (custom resources: Certificates, PrometheusRules,
 * Workflows…) by group/version/plural, through the ClusterPort's optional
 * reads. The adapter refuses the core group and anything named like a
 * secret, and applies the namespace allow/deny lists.
 */
const typeInput = {
  group: z.string().min(1).max(253).describe('API group, e.g. cert-manager.io'),
  version: z.string().min(1).max(32).describe('API version, e.g. v1'),
  plural: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(63)
    .describe('Resource (plural, lower case), e.g. certificates'),
};

const getInput = z.strictObject({
  ...typeInput,
  name: nameInput,
  namespace: namespaceInput.optional(),
});

const listInput = z.strictObject({
  ...typeInput,
  namespace: namespaceInput.optional().describe('Namespace; omit for all allowed namespaces'),
  labelSelector: z.string().max(1024).optional(),
  limit: z.int().min(1).max(200).default(50),
});

type Reads = Required<Pick<ClusterPort, 'readResource' | 'listResourceItems'>>;

const typeOf = (i: ApiResourceType): ApiResourceType => ({
  group: i.group,
  version: i.version,
  plural: i.plural,
});

function meta(o: PlainObject): { name: string; namespace?: string } {
  const m = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    name: typeof m.name === 'string' ? m.name : '?',
    ...(typeof m.namespace === 'string' ? { namespace: m.namespace } : {}),
  };
}

/** One line per item: its name and, when it has them, its status conditions. */
function line(o: PlainObject): string {
  const { name, namespace } = meta(o);
  const status = (o.status ?? {}) as { conditions?: unknown };
  const conditions = Array.isArray(status.conditions)
    ? (status.conditions as { type?: unknown; status?: unknown; reason?: unknown }[])
        .map(
          (c) => `${String(c.type)}=${String(c.status)}${c.reason ? ` (${String(c.reason)})` : ''}`,
        )
        .join(', ')
    : '';
  return `${namespace === undefined ? '' : `${namespace}/`}${name}${conditions === '' ? '' : `  ${conditions}`}`;
}

export function getCustomResourceTool(reads: Reads): AgentTool<typeof getInput> {
  return {
    name: 'get_custom_resource',
    description:
      'Read one custom resource (any API group but the core one) by group, version, plural and name, as YAML.',
    input: getInput,
    async run(input, context) {
      const kind = `${input.plural}.${input.group}`;
      const ref = objectRef(kind, input.name, input.namespace);
      context.progress(`get ${ref}`);
      const object = await reads.readResource(typeOf(input), input.name, input.namespace);
      if (object === undefined) return { text: `${ref} not found`, isError: true };
      return { text: renderObject(object), sources: [ref] };
    },
  };
}

export function listCustomResourcesTool(reads: Reads): AgentTool<typeof listInput> {
  return {
    name: 'list_custom_resources',
    description:
      'List custom resources of one type (group, version, plural), one line each with their status conditions.',
    input: listInput,
    async run(input, context) {
      const kind = `${input.plural}.${input.group}`;
      context.progress(`list ${kind}${input.namespace ? ` -n ${input.namespace}` : ''}`);
      const listed = await reads.listResourceItems(typeOf(input), {
        ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
        ...(input.labelSelector === undefined ? {} : { labelSelector: input.labelSelector }),
        limit: input.limit,
      });
      const more = listed.truncated ? [`[… more than ${input.limit}; narrow the query]`] : [];
      const lines = listed.items.map(line);
      return {
        text: [`${kind}: ${listed.items.length} item(s)`, ...lines, ...more].join('\n'),
      };
    },
  };
}

/** The ClusterPort's optional reads, when the adapter has them. */
export function customReads(cluster: ClusterPort): Reads | undefined {
  const { readResource, listResourceItems } = cluster;
  if (readResource === undefined || listResourceItems === undefined) return undefined;
  return {
    readResource: readResource.bind(cluster),
    listResourceItems: listResourceItems.bind(cluster),
  };
}
