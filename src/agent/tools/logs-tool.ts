import { z } from 'zod';
import { objectRef } from '../../core/kube/refs.ts';
import type { ClusterPort } from '../../core/ports.ts';
import { compactLog } from '../compaction/compact-log.ts';
import type { AgentTool } from './tool.ts';
import { nameInput, namespaceInput } from './tool-input.ts';

/** logs: a container's log tail (or its previous, crashed instance), optionally grepped, compacted. */
const logsInput = z.strictObject({
  namespace: namespaceInput,
  pod: nameInput,
  container: z.string().max(253).optional(),
  previous: z.boolean().default(false).describe('The previous (crashed) instance of the container'),
  tailLines: z.int().min(1).max(5000).default(500),
  grep: z
    .string()
    .max(200)
    .optional()
    .describe('Only lines matching this regular expression (case-insensitive)'),
});

function grepLines(text: string, pattern: string): string | { error: string } {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i');
  } catch (err) {
    return {
      error: `grep: invalid regular expression: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return text
    .split('\n')
    .filter((l) => re.test(l))
    .join('\n');
}

type LogsInput = z.infer<typeof logsInput>;

function render(input: LogsInput, ref: string, text: string | undefined, compact: boolean) {
  if (text === undefined || text.trim() === '') {
    return { text: `no ${input.previous ? 'previous ' : ''}logs for ${ref}`, sources: [ref] };
  }
  const filtered = input.grep === undefined ? text : grepLines(text, input.grep);
  if (typeof filtered !== 'string') return { text: filtered.error, isError: true };
  if (filtered.trim() === '')
    return { text: `no line of ${ref} matches /${input.grep ?? ''}/`, sources: [ref] };
  return {
    text: compact ? compactLog(filtered) : filtered,
    sources: [`${ref}${input.previous ? ' (previous)' : ''}`],
  };
}

export function logsTool(cluster: ClusterPort): AgentTool<typeof logsInput> {
  return {
    name: 'logs',
    description:
      'Container logs: the last lines, or --previous for the crashed instance, optionally filtered by a regex. Repeated lines are collapsed with counts.',
    input: logsInput,
    async run(input, context) {
      const ref = objectRef('Pod', input.pod, input.namespace);
      context.progress(
        `logs ${input.namespace}/${input.pod}${input.previous ? ' --previous' : ''}`,
      );
      const text = await cluster.logs({
        namespace: input.namespace,
        pod: input.pod,
        previous: input.previous,
        tailLines: input.tailLines,
        limitBytes: 2_000_000,
        ...(input.container === undefined ? {} : { container: input.container }),
      });
      return render(input, ref, text, context.compaction !== false);
    },
  };
}
