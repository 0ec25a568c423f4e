import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunJobData } from '../../app/run/process-run.ts';
import { AppError } from '../../core/errors.ts';
import type { RunResumer } from '../../core/remediation/lifecycle-ports.ts';
import { resolutionOf } from '../../core/remediation/resolution.ts';
import { runsQueueName } from './bullmq-run-queue.ts';

/**
 * Runs that stopped AwaitingApproval are parked: their job data (event and
 * step results) is kept under the run id for longer than any proposal can
 * wait. When the proposal ends, the run resumes as a new job of the runs
 * queue, `<run>-after-<proposal>`, carrying the resolution: enqueued once
 * however often the end is announced. Job data that is gone is an AppError
 * `not_found` (the lifecycle then closes the run: core/remediation/stranded-run.ts).
 */
const parkedTtlSeconds = 8 * 86_400;

export function parkedKey(prefix: string, runId: string): string {
  return `${prefix}parked-run:${runId}`;
}

export async function parkRun(redis: Redis, prefix: string, data: RunJobData): Promise<void> {
  const { resolution: _done, ...rest } = data;
  await redis.set(parkedKey(prefix, data.runId), JSON.stringify(rest), 'EX', parkedTtlSeconds);
}

export function resumeJobId(runId: string, proposalId: string): string {
  return `${runId}-after-${proposalId}`;
}

export function createBullmqRunResumer(
  connection: Redis,
  prefix: string,
): RunResumer & { close(): Promise<void> } {
  const queue = new Queue<RunJobData>(runsQueueName, { connection, prefix: `${prefix}bull` });
  return {
    async resume(proposal) {
      const resolution = resolutionOf(proposal);
      if (resolution === undefined) return;
      const runId = proposal.run.name;
      const text = await connection.get(parkedKey(prefix, runId));
      const parked =
        text === null ? (await queue.getJob(runId))?.data : (JSON.parse(text) as RunJobData);
      if (parked === undefined) {
        throw new AppError(
          'not_found',
          `run ${runId} cannot resume: its job data is gone (parked data expired)`,
        );
      }
      await queue.add(
        'run',
        { runId, event: parked.event, results: parked.results ?? {}, resolution },
        {
          jobId: resumeJobId(runId, proposal.id),
          attempts: 3,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: { age: 86_400, count: 10_000 },
          removeOnFail: { age: 7 * 86_400 },
        },
      );
    },
    close: () => queue.close(),
  };
}
