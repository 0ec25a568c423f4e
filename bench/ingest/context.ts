import type { Redis } from 'ioredis';
import { type CpuSplit, startCpuMeter } from './cpu.ts';
import type { LoadPlan, LoadResult } from './load.ts';
import type { LoadClient } from './load-client.ts';

/**
 * What the ingest bench's phases share: the load generator, Redis, the
 * run's key prefix; and a measured load run (its answers and its CPU).
 */
export interface PhaseContext {
  readonly load: LoadClient;
  readonly redis: Redis;
  readonly redisUrl: string;
  readonly runPrefix: string;
  readonly concurrency: number;
  readonly log: (line: string) => void;
}

export interface Broken {
  readonly broken: readonly string[];
}

export interface Measured {
  readonly result: LoadResult;
  readonly cpu: CpuSplit;
}

export async function measured(ctx: PhaseContext, loadPlan: LoadPlan): Promise<Measured> {
  const stop = await startCpuMeter(ctx.redis);
  const result = await ctx.load.run(loadPlan);
  return { result, cpu: await stop(result) };
}

/** Several runs of one workload as one: counts and times added, CPU per request weighted. */
export function merge(parts: readonly Measured[]): Measured {
  const statuses: Record<string, number> = {};
  let completed = 0;
  const cpu = { serverUs: 0, redisUs: 0, loadUs: 0 };
  for (const { result, cpu: c } of parts) {
    for (const [status, n] of Object.entries(result.statuses))
      statuses[status] = (statuses[status] ?? 0) + n;
    completed += result.completed;
    cpu.serverUs += c.serverUs * result.completed;
    cpu.redisUs += c.redisUs * result.completed;
    cpu.loadUs += c.loadUs * result.completed;
  }
  const sum = (f: (r: LoadResult) => number) => parts.reduce((a, p) => a + f(p.result), 0);
  const firstError = parts.find((p) => p.result.firstError !== undefined)?.result.firstError;
  const n = Math.max(1, completed);
  return {
    result: {
      sent: sum((r) => r.sent),
      completed,
      elapsedMs: sum((r) => r.elapsedMs),
      statuses,
      errors: sum((r) => r.errors),
      ...(firstError === undefined ? {} : { firstError }),
      latenciesMs: parts.flatMap((p) => p.result.latenciesMs),
      serviceMs: parts.flatMap((p) => p.result.serviceMs),
      cpuUs: sum((r) => r.cpuUs),
    },
    cpu: { serverUs: cpu.serverUs / n, redisUs: cpu.redisUs / n, loadUs: cpu.loadUs / n },
  };
}
