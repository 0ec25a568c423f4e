import type { Redis } from 'ioredis';
import type { RunProgress } from '../../core/run-progress.ts';
import type { Target } from './thread-targets.ts';

/**
 * What the sink knows of a run between events, in Redis (field `state` of
 * the run's hash, beside the ledger's slots), so that another worker — or
 * this one after a restart — continues the same messages.
 */
export interface RunState {
  readonly targets: readonly Target[];
  readonly progress: RunProgress;
}

const ttlSeconds = 30 * 86_400;

export async function loadRunState(redis: Redis, key: string): Promise<RunState | undefined> {
  const raw = await redis.hget(key, 'state');
  if (raw === null) return undefined;
  const value = JSON.parse(raw) as Partial<RunState>;
  return Array.isArray(value.targets) && value.progress !== undefined
    ? { targets: value.targets, progress: value.progress }
    : undefined;
}

export async function saveRunState(redis: Redis, key: string, state: RunState): Promise<void> {
  await redis.multi().hset(key, 'state', JSON.stringify(state)).expire(key, ttlSeconds).exec();
}
