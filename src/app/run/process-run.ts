import type { Logger } from 'pino';
import type { Registry } from '../../core/config-registry.ts';
import { isAppError } from '../../core/errors.ts';
import { type Report, reportSchema } from '../../core/investigation/report.ts';
import type { Clock } from '../../core/ports.ts';
import type { RunJob } from '../../core/queue.ts';
import type { Workflow } from '../../core/resources/workflow.ts';
import type { RunPhase, WorkflowRun } from '../../core/resources/workflow-run.ts';
import type { WorkflowStep } from '../../core/resources/workflow-steps.ts';
import type { RunEvent, RunEventSink } from '../../core/run-events.ts';
import type { RunStore } from '../../core/run-store.ts';
import {
  type ApprovalResolution,
  finishStep,
  nextMove,
  resolveApproval,
  startStep,
} from '../../core/workflow/engine.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import { renderOutputs } from '../../core/workflow/outputs.ts';
import { buildContext, type RunRef, resolveInputs } from '../../core/workflow/run-context.ts';
import { nextStatus, type StatusUpdate } from '../../core/workflow/run-status.ts';
import type { StepOutcome, StepRecords } from '../../core/workflow/step-record.ts';
import { triggerOf } from './run-trigger.ts';
import { resumeRecords, type SavedResults, savedResultsOf } from './saved-results.ts';
import { runAttempt } from './step-attempt.ts';
import type { StepExecutors } from './steps/step-executor.ts';
import type { WorkerMetrics } from './worker-metrics.ts';

/**
 * One run, start to stop: create its WorkflowRun (idempotently: the job id
 * is the run name; an existing run is resumed from its recorded steps), then
 * let the engine pick each step, run it, and mirror every transition into
 * the run's status. Step outputs are saved with the job before the status
 * says the step finished, so a retried or stalled job never redoes a step.
 */
export interface RunJobData extends RunJob {
  readonly results?: SavedResults;
  /** Set on the job that resumes a run once its proposal ended (`<run>-after-<proposal>`). */
  readonly resolution?: ApprovalResolution;
}

export interface RunHandle {
  readonly data: RunJobData;
  /** Persists the finished steps' results with the job (survives a crash). */
  save(results: SavedResults): Promise<void>;
}

export interface ProcessDeps {
  readonly registry: Pick<Registry, 'workflow'>;
  readonly runs: RunStore;
  readonly steps: StepExecutors;
  readonly evaluator: ExpressionEvaluator;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: WorkerMetrics;
  /** Live run events (chat threads, progress); none when unset. */
  readonly events?: RunEventSink;
}

export type ProcessResult =
  | { readonly type: 'finished'; readonly phase: RunPhase; readonly message: string }
  /** The run cannot succeed however often it is retried (no Workflow, bad inputs). */
  | { readonly type: 'invalid'; readonly message: string };

const stoppedPhases: readonly RunPhase[] = ['Succeeded', 'Failed', 'Cancelled', 'AwaitingApproval'];

async function ensureRun(
  deps: ProcessDeps,
  workflow: Pick<Workflow, 'metadata'>,
  data: RunJobData,
  inputs: Record<string, unknown> | undefined = data.event.inputs,
): Promise<WorkflowRun> {
  try {
    return await deps.runs.create({
      workflow,
      trigger: triggerOf(data.event),
      name: data.runId,
      // Recorded on the run's spec (the given values, or the resolved ones with defaults).
      ...(inputs === undefined || Object.keys(inputs).length === 0 ? {} : { inputs }),
    });
  } catch (err) {
    if (!isAppError(err, 'conflict')) throw err;
    const existing = await deps.runs.get(data.event.source.namespace, data.runId);
    if (existing === undefined) throw err;
    return existing;
  }
}

async function recordInvalid(
  deps: ProcessDeps,
  data: RunJobData,
  message: string,
): Promise<ProcessResult> {
  const namespace = data.event.source.namespace;
  const workflow = deps.registry.workflow(namespace, data.event.workflow) ?? {
    metadata: { name: data.event.workflow, namespace },
  };
  await ensureRun(deps, workflow, data);
  await deps.runs.updateStatus(namespace, data.runId, (current) =>
    nextStatus(current, {
      phase: 'Failed',
      records: {},
      order: [],
      now: deps.clock.now(),
      message,
    }),
  );
  return { type: 'invalid', message };
}

export async function processRun(deps: ProcessDeps, handle: RunHandle): Promise<ProcessResult> {
  const { runId, event } = handle.data;
  const namespace = event.source.namespace;
  const workflow = deps.registry.workflow(namespace, event.workflow);
  if (workflow === undefined) {
    return recordInvalid(
      deps,
      handle.data,
      `Workflow ${namespace}/${event.workflow} not found or not valid`,
    );
  }
  const inputs = resolveInputs(workflow.spec, event.inputs ?? {});
  if (!inputs.ok) return recordInvalid(deps, handle.data, inputs.error);
  const run = await ensureRun(deps, workflow, handle.data, inputs.inputs);
  const recorded = run.status?.phase;
  const { resolution } = handle.data;
  const resumes = resolution !== undefined && recorded === 'AwaitingApproval';
  if (recorded !== undefined && stoppedPhases.includes(recorded) && !resumes) {
    return { type: 'finished', phase: recorded, message: run.status?.message ?? 'already stopped' };
  }
  const ref: RunRef = { name: runId, namespace, workflow: workflow.metadata.name };
  const saved = resumeRecords(workflow.spec.steps, run.status, handle.data.results ?? {});
  const records =
    resolution === undefined ? saved : resolveApproval(saved, resolution, deps.clock.now());
  return new RunLoop(deps, handle, workflow, ref, run.metadata.uid, inputs.inputs).run(records);
}

/** The report in a step's output: the output itself (analyze) or its `report` (agent). */
function reportOf(output: unknown): Report | undefined {
  const direct = reportSchema.safeParse(output);
  if (direct.success) return direct.data;
  const nested = (output as { report?: unknown } | null | undefined)?.report;
  if (nested === undefined) return undefined;
  const parsed = reportSchema.safeParse(nested);
  return parsed.success ? parsed.data : undefined;
}

/** The step loop of one run; state is the records, mirrored after every change. */
class RunLoop {
  private readonly order: readonly string[];
  private readonly log: Logger;

  constructor(
    private readonly deps: ProcessDeps,
    private readonly handle: RunHandle,
    private readonly workflow: Workflow,
    private readonly ref: RunRef,
    private readonly uid: string | undefined,
    private readonly inputs: Record<string, unknown>,
  ) {
    this.order = workflow.spec.steps.map((s) => s.name);
    this.log = deps.logger.child({ runId: ref.name, workflow: ref.workflow });
  }

  private write(phase: RunPhase, records: StepRecords, extra: Partial<StatusUpdate> = {}) {
    const update = { phase, records, order: this.order, now: this.deps.clock.now(), ...extra };
    return this.deps.runs.updateStatus(this.ref.namespace, this.ref.name, (c) =>
      nextStatus(c, update),
    );
  }

  /** Publishes a run event; a sink's failure is logged, never fails the run. */
  private async publish(event: RunEvent): Promise<void> {
    try {
      await this.deps.events?.publish(event);
    } catch (err) {
      this.log.warn({ err, event: event.type }, 'run event not delivered');
    }
  }

  private at(): string {
    return this.deps.clock.now().toISOString();
  }

  async run(start: StepRecords): Promise<ProcessResult> {
    let records = start;
    await this.write('Running', records);
    if (Object.keys(start).length === 0) {
      await this.publish({
        type: 'run-started',
        run: this.ref,
        event: this.handle.data.event,
        at: this.at(),
      });
    }
    for (;;) {
      const move = nextMove(this.workflow.spec, records);
      if (move.type === 'finish') return this.finish(records, move.phase, move.message);
      records = startStep(records, move.step, move.attempt, this.deps.clock.now());
      await this.write('Running', records, { message: `running step ${move.step.name}` });
      this.log.info({ step: move.step.name, attempt: move.attempt }, 'step started');
      const { name, type } = move.step;
      await this.publish({
        type: 'step-started',
        run: this.ref,
        step: name,
        stepType: type,
        attempt: move.attempt,
        at: this.at(),
      });
      const outcome = await runAttempt(move, this.attemptInput(records, name), this.deps);
      records = finishStep(
        this.workflow.spec,
        records,
        move.step,
        move.attempt,
        outcome,
        this.deps.clock.now(),
      );
      this.observe(move.step.name, move.step.type, outcome);
      await this.handle.save(savedResultsOf(records));
      await this.publishOutcome(move.step.name, move.step.type, outcome, records);
      await this.write(
        'Running',
        records,
        outcome.type === 'awaiting-approval' ? { approval: outcome.approval } : {},
      );
    }
  }

  private async publishOutcome(
    step: string,
    stepType: WorkflowStep['type'],
    outcome: StepOutcome,
    records: StepRecords,
  ): Promise<void> {
    const base = { type: 'step-finished', run: this.ref, step, stepType, at: this.at() } as const;
    if (outcome.type === 'failed') {
      const retrying = records[step]?.phase === 'Pending';
      await this.publish({
        ...base,
        outcome: retrying ? 'retrying' : 'failed',
        error: outcome.error,
      });
      return;
    }
    const report = reportOf(outcome.output);
    if (report !== undefined) {
      await this.publish({ type: 'report', run: this.ref, step, report, at: this.at() });
    }
    await this.publish({ ...base, outcome: outcome.type, summary: outcome.summary });
  }

  private attemptInput(records: StepRecords, step: string) {
    const context = buildContext(this.ref, this.handle.data.event, this.inputs, records);
    const run = { ...this.ref, ...(this.uid === undefined ? {} : { uid: this.uid }) };
    const progress = (message: string) => {
      void this.publish({ type: 'step-progress', run: this.ref, step, message, at: this.at() });
    };
    return { run, event: this.handle.data.event, context, workflow: this.workflow, progress };
  }

  private observe(step: string, type: string, outcome: StepOutcome): void {
    if (outcome.type === 'failed') {
      this.deps.metrics?.stepFailures.inc({ workflow: this.ref.workflow, step, type });
      this.log.warn({ step, error: outcome.error }, 'step attempt failed');
    } else {
      this.log.info({ step, outcome: outcome.type, summary: outcome.summary }, 'step finished');
    }
  }

  private async finish(
    records: StepRecords,
    phase: RunPhase,
    message: string,
  ): Promise<ProcessResult> {
    const context = buildContext(this.ref, this.handle.data.event, this.inputs, records);
    const outputs = renderOutputs(this.workflow.spec, context, records);
    const status = await this.write(phase, records, { message, outputs });
    const started = Date.parse(status.startedAt ?? '');
    const seconds = Number.isNaN(started) ? 0 : (this.deps.clock.now().getTime() - started) / 1000;
    this.deps.metrics?.runDuration.observe({ workflow: this.ref.workflow, phase }, seconds);
    this.log.info({ phase, message }, 'run stopped');
    const event = this.handle.data.event;
    await this.publish({
      type: 'run-finished',
      run: this.ref,
      event,
      phase,
      message,
      at: this.at(),
    });
    return { type: 'finished', phase, message };
  }
}
