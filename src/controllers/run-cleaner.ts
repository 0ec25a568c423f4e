import type { Logger } from 'pino';
import type { Registry } from '../core/config-registry.ts';
import type { Clock } from '../core/ports.ts';
import { expiredRuns } from '../core/run-retention.ts';
import type { RunStore } from '../core/run-store.ts';

/**
 * Deletes finished WorkflowRuns past their Workflow's
 * ttlSecondsAfterFinished. A singleton duty: the controller wiring runs it only while
 * this replica holds the Lease.
 */
export interface RunCleanerDeps {
  readonly runs: RunStore;
  readonly registry: Pick<Registry, 'workflow'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly namespace?: string;
  readonly onDeleted?: (namespace: string, name: string) => void;
}

export interface RunCleaner {
  sweep(): Promise<number>;
  start(): void;
  stop(): void;
}

export function createRunCleaner(deps: RunCleanerDeps): RunCleaner {
  let timer: NodeJS.Timeout | undefined;

  async function sweep(): Promise<number> {
    const runs = await deps.runs.list(
      deps.namespace === undefined ? {} : { namespace: deps.namespace },
    );
    const expired = expiredRuns(
      runs,
      deps.clock.now(),
      (run) =>
        deps.registry.workflow(run.metadata.namespace ?? 'default', run.spec.workflowRef.name)?.spec
          .ttlSecondsAfterFinished,
    );
    for (const run of expired) {
      const ns = run.metadata.namespace ?? 'default';
      await deps.runs.delete(ns, run.metadata.name);
      deps.onDeleted?.(ns, run.metadata.name);
      deps.logger.info({ namespace: ns, run: run.metadata.name }, 'deleted expired WorkflowRun');
    }
    return expired.length;
  }

  const loop = () => {
    sweep()
      .catch((err: unknown) => deps.logger.warn({ err }, 'run cleanup failed'))
      .finally(() => {
        if (timer !== undefined) timer = setTimeout(loop, deps.intervalMs ?? 60_000);
      });
  };

  return {
    sweep,
    start() {
      if (timer !== undefined) return;
      timer = setTimeout(loop, 0);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
