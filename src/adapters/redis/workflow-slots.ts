import type { Redis } from 'ioredis';

/**
 * Runs of one Workflow at once (spec.concurrency), across every worker: a
 * Redis sorted set per Workflow of run id → lease expiry. A run holds its
 * slot while it works and renews it; a crashed worker's slot lapses when
 * its lease does. A run that already holds a slot (a resumed job) gets it again.
 */
const acquireScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export interface WorkflowSlots {
  acquire(workflow: string, runId: string, limit: number): Promise<boolean>;
  /** Renews the lease; false when the slot was lost. */
  renew(workflow: string, runId: string): Promise<boolean>;
  release(workflow: string, runId: string): Promise<void>;
}

export function createWorkflowSlots(
  redis: Redis,
  prefix: string,
  leaseMs: number,
  now: () => number = Date.now,
): WorkflowSlots {
  const key = (workflow: string) => `${prefix}workflow-slots:${workflow}`;
  return {
    async acquire(workflow, runId, limit) {
      const t = now();
      const ok = await redis.eval(
        acquireScript,
        1,
        key(workflow),
        t,
        t + leaseMs,
        runId,
        limit,
        leaseMs * 2,
      );
      return ok === 1;
    },
    async renew(workflow, runId) {
      const changed = await redis.zadd(key(workflow), 'XX', 'CH', now() + leaseMs, runId);
      return changed === 1 || (await redis.zscore(key(workflow), runId)) !== null;
    },
    async release(workflow, runId) {
      await redis.zrem(key(workflow), runId);
    },
  };
}
