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
export function runName(workflow: string, now: Date, random: () => number = Math.random): string {
  const suffix = `${now.getTime().toString(36)}${Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
  return `${workflow.slice(0, 253 - suffix.length - 1)}-${suffix}`;
}

export function newestFirst(a: WorkflowRun, b: WorkflowRun): number {
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  return at === bt ? b.metadata.name.localeCompare(a.metadata.name) : bt.localeCompare(at);
}
