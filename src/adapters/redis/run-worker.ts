import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry as MetricsRegistry } from 'prom-client';
import {
  type ProcessDeps,
  type ProcessResult,
  processRun,
  type RunJobData,
} from '../../app/run/process-run.ts';
import type { StepExecutors } from '../../app/run/steps/step-executor.ts';
import { createWorkerMetrics } from '../../app/run/worker-metrics.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { Clock } from '../../core/ports.ts';
import { tickRunJob, unscheduledRunId } from '../../core/queue.ts';
import type { RunEventSink } from '../../core/run-events.ts';
import type { RunStore } from '../../core/run-store.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import { runsQueueName } from './bullmq-run-queue.ts';
import { parkRun } from './bullmq-run-resumer.ts';
import { createWorkflowSlots, type WorkflowSlots } from './workflow-slots.ts';

/**
 * The worker: a BullMQ Worker on the runs queue (prefix `${prefix}bull`,
 * as the queue's), running each job's Workflow through processRun. Runs of
 * one Workflow at once are capped by spec.concurrency across all workers
 * (a job over the cap is put back, delayed); a job whose Workflow is missing
 * or invalid fails with UnrecoverableError (no retry). A worker that dies
 * mid-run loses its lock; BullMQ's stalled check hands the job to another
 * worker, which resumes the run from its recorded steps.
 */
export interface WorkerOptions {
  /** Jobs this worker runs at once (default 4). */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal (default 30s); a dead worker's job is recovered after it. */
  readonly lockDurationMs?: number;
  /** How often stalled jobs are looked for (default 30s). */
  readonly stalledIntervalMs?: number;
  /** Times a job may stall before it fails (default 2). */
  readonly maxStalledCount?: number;
  /** Delay before a job over its Workflow's concurrency is tried again (default 2s). */
  readonly requeueDelayMs?: number;
  /** Lease of a Workflow concurrency slot, renewed while the run works (default lockDurationMs). */
  readonly slotLeaseMs?: number;
}

export interface WorkerDeps {
  /** ioredis connection for BullMQ (maxRetriesPerRequest: null). */
  readonly connection: Redis;
  /** Key prefix, the one the queue was created with (`createBullmqRunQueue(redis, prefix)`). */
  readonly prefix: string;
  readonly registry: Pick<Registry, 'workflow'>;
  readonly runs: RunStore;
  readonly steps: StepExecutors;
  readonly evaluator: ExpressionEvaluator;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly options?: WorkerOptions;
  /** Live run events (chat threads, progress). */
  readonly events?: RunEventSink;
}

export interface RunWorker {
  /** Stops taking jobs and lets the in-flight ones finish; after `graceMs`, hands them back (they stall and resume elsewhere). */
  close(graceMs?: number): Promise<void>;
  readonly worker: Worker<RunJobData, ProcessResult>;
}

interface Gate {
  readonly slots: WorkflowSlots;
  readonly registry: Pick<Registry, 'workflow'>;
  readonly leaseMs: number;
  readonly requeueDelayMs: number;
}

async function withSlot<T>(
  gate: Gate,
  job: Job<RunJobData>,
  token: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const { event, runId } = job.data;
  const ns = event.source.namespace;
  const workflow = gate.registry.workflow(ns, event.workflow);
  if (workflow === undefined) return work();
  const key = `${ns}/${event.workflow}`;
  if (!(await gate.slots.acquire(key, runId, workflow.spec.concurrency))) {
    await job.moveToDelayed(Date.now() + gate.requeueDelayMs, token);
    throw new DelayedError(`Workflow ${key} is at its concurrency limit`);
  }
  const renew = setInterval(() => {
    gate.slots.renew(key, runId).catch(() => undefined);
  }, gate.leaseMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await gate.slots.release(key, runId).catch(() => undefined);
  }
}

export function startWorker(deps: WorkerDeps): RunWorker {
  const o = deps.options ?? {};
  const lockDuration = o.lockDurationMs ?? 30_000;
  const prefix = `${deps.prefix}bull`;
  const queue = new Queue<RunJobData>(runsQueueName, { connection: deps.connection, prefix });
  const metrics = createWorkerMetrics(deps.metrics, () =>
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
  );
  const gate: Gate = {
    slots: createWorkflowSlots(deps.connection, deps.prefix, o.slotLeaseMs ?? lockDuration),
    registry: deps.registry,
    leaseMs: o.slotLeaseMs ?? lockDuration,
    requeueDelayMs: o.requeueDelayMs ?? 2_000,
  };
  const processDeps: ProcessDeps = { ...deps, metrics };

  const processor = async (job: Job<RunJobData>, token?: string): Promise<ProcessResult> => {
    // A schedule's tick: name its run after the tick (stable across retries).
    if (job.data.runId === unscheduledRunId)
      await job.updateData({ ...job.data, ...tickRunJob(job.data, job.timestamp) });
    if (job.attemptsMade === 0 && job.processedOn !== undefined) {
      const wait = (job.processedOn - job.timestamp) / 1000;
      metrics.queueWait.observe({ workflow: job.data.event.workflow }, Math.max(0, wait));
    }
    const result = await withSlot(gate, job, token, () =>
      processRun(processDeps, {
        data: job.data,
        save: (results) => job.updateData({ ...job.data, results }),
      }),
    );
    if (result.type === 'invalid') throw new UnrecoverableError(result.message);
    // Kept for the job that resumes the run once its proposal ends.
    if (result.phase === 'AwaitingApproval') await parkRun(deps.connection, deps.prefix, job.data);
    return result;
  };

  const worker = new Worker<RunJobData, ProcessResult>(runsQueueName, processor, {
    connection: deps.connection,
    prefix,
    concurrency: o.concurrency ?? 4,
    lockDuration,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
    maxStalledCount: o.maxStalledCount ?? 2,
  });
  worker.on('failed', (job, err) => deps.logger.warn({ runId: job?.id, err }, 'run job failed'));
  worker.on('error', (err) => deps.logger.warn({ err }, 'worker error'));

  return {
    worker,
    async close(graceMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      const graceful = worker.close();
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), graceMs);
      });
      const how = await Promise.race([graceful, expired]);
      clearTimeout(timer);
      if (how === 'expired') await worker.close(true);
      await queue.close();
    },
  };
}
