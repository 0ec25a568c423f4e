import type { RemediationAction } from '../resources/remediation-actions.ts';
import type { RunPhase, WorkflowRunStatus } from '../resources/workflow-run.ts';
import type { StepType } from '../resources/workflow-steps.ts';
import { formatDuration } from './format-duration.ts';
import type { ApprovalRequest, StepRecord, StepRecords } from './step-record.ts';

/**
 * Engine records ↔ the WorkflowRun's status: every transition is mirrored
 * into status (phase, steps[], timings, duration for the DURATION column),
 * and a resumed run reads its records back from there.
 */
type StepStatus = NonNullable<WorkflowRunStatus['steps']>[number];
type Approval = NonNullable<WorkflowRunStatus['approvals']>[number];

const short = (text: string, max = 4096) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** The object without its undefined properties (exactOptionalPropertyTypes-friendly). */
function defined<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function toStepStatus(r: StepRecord): StepStatus {
  return {
    name: r.name,
    type: r.type,
    phase: r.phase,
    attempts: Math.min(r.attempts, 11),
    ...defined({
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      outputSummary: r.summary === undefined ? undefined : short(r.summary),
      error: r.error === undefined ? undefined : short(r.error),
    }),
  };
}

function fromStepStatus(s: StepStatus, type: StepType, output: unknown): StepRecord {
  return {
    name: s.name,
    type,
    phase: s.phase,
    attempts: s.attempts ?? 0,
    ...defined({
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      summary: s.outputSummary,
      error: s.error,
      output,
    }),
  };
}

/** Step records from a run's status; outputs come from `outputs` (the worker keeps them). */
export function recordsFromStatus(
  status: WorkflowRunStatus | undefined,
  outputs: Readonly<Record<string, unknown>>,
  types: Readonly<Record<string, StepType>>,
): Record<string, StepRecord> {
  const records: Record<string, StepRecord> = {};
  for (const s of status?.steps ?? []) {
    const type = s.type ?? types[s.name];
    if (type !== undefined) records[s.name] = fromStepStatus(s, type, outputs[s.name]);
  }
  return records;
}

export interface StatusUpdate {
  readonly phase: RunPhase;
  readonly records: StepRecords;
  /** Order of steps in the Workflow, so status.steps reads top to bottom. */
  readonly order: readonly string[];
  readonly now: Date;
  readonly message?: string;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly approval?: ApprovalRequest;
}

type Usage = NonNullable<WorkflowRunStatus['usage']>;

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** LLM usage summed over the steps whose output reports it (agent steps' `usage`). */
export function usageOf(records: StepRecords): Usage | undefined {
  const usages = Object.values(records)
    .map((r) => (r.output as { usage?: Record<string, unknown> } | null | undefined)?.usage)
    .filter((u): u is Record<string, unknown> => typeof u === 'object' && u !== null);
  if (usages.length === 0) return undefined;
  const sum = (f: (u: Record<string, unknown>) => number) => usages.reduce((n, u) => n + f(u), 0);
  return {
    inputTokens: sum(
      (u) => count(u.inputTokens) + count(u.cacheReadTokens) + count(u.cacheWriteTokens),
    ),
    outputTokens: sum((u) => count(u.outputTokens)),
    costUsd: Math.round(sum((u) => count(u.costUsd)) * 1e6) / 1e6,
  };
}

const finishedRunPhases: readonly RunPhase[] = ['Succeeded', 'Failed', 'Cancelled'];

function withApproval(current: readonly Approval[], request: ApprovalRequest): Approval[] {
  if (current.some((a) => a.proposalId === request.proposalId)) return [...current];
  const record: Approval = {
    proposalId: request.proposalId,
    action: request.action as RemediationAction,
    ...(request.target === undefined ? {} : { target: request.target }),
  };
  return [...current, record];
}

function withUsage(records: StepRecords): { usage?: Usage } {
  const usage = usageOf(records);
  return usage === undefined ? {} : { usage };
}

export function nextStatus(
  current: WorkflowRunStatus | undefined,
  update: StatusUpdate,
): WorkflowRunStatus {
  const startedAt = current?.startedAt ?? update.now.toISOString();
  const end = finishedRunPhases.includes(update.phase) ? update.now : undefined;
  const steps = update.order
    .map((name) => update.records[name])
    .filter((r): r is StepRecord => r !== undefined)
    .map(toStepStatus);
  const approvals =
    update.approval === undefined
      ? current?.approvals
      : withApproval(current?.approvals ?? [], update.approval);
  return {
    ...current,
    phase: update.phase,
    startedAt,
    steps,
    duration: formatDuration((end ?? update.now).getTime() - Date.parse(startedAt)),
    ...(end === undefined ? {} : { finishedAt: end.toISOString() }),
    ...(update.message === undefined ? {} : { message: short(update.message) }),
    ...(update.outputs === undefined ? {} : { outputs: { ...update.outputs } }),
    ...(approvals === undefined ? {} : { approvals }),
    ...withUsage(update.records),
  };
}
