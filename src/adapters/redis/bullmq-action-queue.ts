import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ActionQueue } from '../../core/remediation/lifecycle-ports.ts';

/**
 * Approved proposals on their own BullMQ queue. The job id is the proposal
 * id: a double click, two approvers or the sweeper enqueue it once. A job
 * whose proposal or target is busy is retried every few seconds.
 */
export const actionsQueueName = 'actions';

export interface ActionJobData {
  readonly proposalId: string;
}

export function createBullmqActionQueue(
  connection: Redis,
  prefix: string,
): ActionQueue & { close(): Promise<void> } {
  const queue = new Queue<ActionJobData>(actionsQueueName, { connection, prefix: `${prefix}bull` });
  return {
    async enqueue(proposalId) {
      await queue.add(
        'action',
        { proposalId },
        {
          jobId: proposalId,
          attempts: 100,
          backoff: { type: 'fixed', delay: 3_000 },
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      );
    },
    close: () => queue.close(),
  };
}
