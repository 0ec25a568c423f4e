import { parseArgs } from 'node:util';
import type { WorkflowRun } from '../core/resources/index.ts';
import type { RunQuery, RunStore } from '../core/run-store.ts';

/**
 * `punchingfist runs`: WorkflowRuns, newest first, from the API server or
 * (with --config, local mode) from Redis — the same view either way.
 */
export interface RunsIo {
  readonly open: (local: boolean) => Promise<{ runs: RunStore; close(): Promise<void> }>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

function row(run: WorkflowRun): string[] {
  const trigger = run.spec.trigger;
  return [
    `${run.metadata.namespace ?? 'default'}/${run.metadata.name}`,
    run.spec.workflowRef.name,
    run.status?.phase ?? 'Pending',
    trigger.alertNames?.join(',') ?? trigger.summary ?? trigger.type,
    run.status?.startedAt ?? run.metadata.creationTimestamp ?? '',
    run.status?.duration ?? '',
  ];
}

export function renderRuns(runs: readonly WorkflowRun[]): string {
  const rows = [['RUN', 'WORKFLOW', 'PHASE', 'TRIGGER', 'STARTED', 'DURATION'], ...runs.map(row)];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

export async function runsCommand(args: string[], io: RunsIo): Promise<number> {
  let values: {
    namespace?: string;
    workflow?: string;
    status?: string;
    limit?: string;
    config?: string;
    json?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        namespace: { type: 'string', short: 'n' },
        workflow: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string', default: '20' },
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr.write(`--limit must be a positive whole number (got "${values.limit}")\n`);
    return 2;
  }
  const query: RunQuery = {
    limit,
    ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
    ...(values.workflow === undefined ? {} : { workflow: values.workflow }),
    ...(values.status === undefined ? {} : { phase: values.status }),
  };
  const store = await io.open(values.config !== undefined);
  try {
    const runs = await store.runs.list(query);
    io.stdout.write(
      values.json === true
        ? `${JSON.stringify(runs, null, 2)}\n`
        : runs.length === 0
          ? 'no runs\n'
          : renderRuns(runs),
    );
    return 0;
  } finally {
    await store.close();
  }
}
