import type {
  Workflow,
  WorkflowRun,
  WorkflowRunSpec,
  WorkflowRunStatus,
} from './resources/index.ts';

/**
 * Where WorkflowRuns are recorded: as custom resources on the API server
 * (`kubectl get workflowruns`), or in Redis in local mode. The CLI, slash
 * commands and the TTL cleaner read both the same way.
 */
export interface NewRun {
  /** The Workflow (its metadata: name, namespace, uid for the owner reference). */
  readonly workflow: Pick<Workflow, 'metadata'>;
  readonly trigger: WorkflowRunSpec['trigger'];
  readonly inputs?: Record<string, unknown>;
  /** Set when the caller needs an idempotent name (e.g. the queue's job id). */
  readonly name?: string;
}

export interface RunQuery {
  readonly namespace?: string;
  readonly workflow?: string;
  readonly phase?: string;
  readonly limit?: number;
}

export interface RunStore {
  /** Throws AppError `conflict` when a run of that name exists. */
  create(run: NewRun): Promise<WorkflowRun>;
  get(namespace: string, name: string): Promise<WorkflowRun | undefined>;
  /** Newest first. */
  list(query: RunQuery): Promise<WorkflowRun[]>;
  updateStatus(
    namespace: string,
    name: string,
    mutate: (current: WorkflowRunStatus | undefined) => WorkflowRunStatus,
  ): Promise<WorkflowRunStatus>;
  delete(namespace: string, name: string): Promise<void>;
  /** Releases connections the store opened itself. */
  close?(): Promise<void>;
}

/** `<workflow>-<time base36><random>`: sortable by creation, unique, a DNS subdomain. */
/**
 * A new run's name: the Workflow, the time in ms and 8 random base-36
 * characters. The run name is also the BullMQ job id, so two incidents that
 * got the same name in the same millisecond would become one job and the
 * second would be lost: 36^8 (≈2.8e12) keeps that out of reach at any
 * ingest rate (4 characters, ≈1.7e6, collided about once per 50,000 new
 * incidents at 4,000/s in the bench).
 */
export function runName(workflow: string, now: Date, random: () => number = Math.random): string {
  const chars = (n: number) =>
    Math.floor(random() * 36 ** n)
      .toString(36)
      .padStart(n, '0');
  const suffix = `${now.getTime().toString(36)}${chars(4)}${chars(4)}`;
  return `${workflow.slice(0, 253 - suffix.length - 1)}-${suffix}`;
}

export function newestFirst(a: WorkflowRun, b: WorkflowRun): number {
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  return at === bt ? b.metadata.name.localeCompare(a.metadata.name) : bt.localeCompare(at);
}
