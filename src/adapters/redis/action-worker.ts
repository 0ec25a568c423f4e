import { randomUUID } from 'node:crypto';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ExecuteDeps, executeProposal } from '../../core/remediation/execute-proposal.ts';
import type { ActionQueue } from '../../core/remediation/lifecycle-ports.ts';
import type { ProposalRecord } from '../../core/remediation/proposal.ts';
import { sweepProposals } from '../../core/remediation/sweep.ts';
import { type ActionJobData, actionsQueueName } from './bullmq-action-queue.ts';

/**
 * The action worker: a BullMQ Worker on the actions queue running
 * executeProposal for each job (exactly once per proposal: see ADR 007),
 * and the sweep that expires undecided proposals and re-enqueues approved
 * ones, every `sweepIntervalMs` on every replica (compare-and-set makes
 * concurrent sweeps harmless).
 */
export interface ActionWorkerOptions {
  readonly concurrency?: number;
  /** Verification timeout by action (default 2 min; drain_node 5 min). */
  readonly verifyTimeoutMs?: (action: ProposalRecord['action']) => number;
  readonly sweepIntervalMs?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

export interface ActionWorkerDeps extends Omit<ExecuteDeps, 'verifyTimeoutMs'> {
  readonly connection: Redis;
  readonly prefix: string;
  readonly queue: ActionQueue;
  readonly logger: Logger;
  readonly options?: ActionWorkerOptions;
}

export interface ActionWorker {
  readonly worker: Worker<ActionJobData>;
  /** One sweep now (also run on the interval). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export const defaultVerifyTimeoutMs = (action: ProposalRecord['action']): number =>
  action === 'drain_node' ? 300_000 : 120_000;

export function startActionWorker(deps: ActionWorkerDeps): ActionWorker {
  const o = deps.options ?? {};
  const verifyTimeoutMs = o.verifyTimeoutMs ?? defaultVerifyTimeoutMs;
  const execute: ExecuteDeps = { ...deps, verifyTimeoutMs };
  const leaseMs = (action: ProposalRecord['action']) => verifyTimeoutMs(action) * 2 + 120_000;
  const processor = async (job: Job<ActionJobData>) => {
    const record = await deps.store.get(job.data.proposalId);
    const lease = leaseMs(record?.action ?? 'drain_node');
    const outcome = await executeProposal(execute, job.data.proposalId, randomUUID(), lease);
    deps.logger.info({ proposalId: job.data.proposalId, outcome }, 'action job done');
    return outcome.type === 'done' ? outcome.proposal.state : outcome.reason;
  };
  const worker = new Worker<ActionJobData>(actionsQueueName, processor, {
    connection: deps.connection,
    prefix: `${deps.prefix}bull`,
    concurrency: o.concurrency ?? 2,
    lockDuration: o.lockDurationMs ?? 60_000,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
  });
  worker.on('failed', (job, err) =>
    deps.logger.warn({ proposalId: job?.id, err: err.message }, 'action job attempt failed'),
  );
  worker.on('error', (err) => deps.logger.warn({ err }, 'action worker error'));
  const sweep = async () => {
    try {
      await sweepProposals(deps, deps.clock.now());
    } catch (err) {
      deps.logger.warn({ err }, 'proposal sweep failed');
    }
  };
  const timer = setInterval(() => void sweep(), o.sweepIntervalMs ?? 30_000);
  timer.unref();
  return {
    worker,
    sweep,
    async close() {
      clearInterval(timer);
      await worker.close();
    },
  };
}
