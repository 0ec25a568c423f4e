import type { Redis } from 'ioredis';
import type { LoadResult } from './load.ts';

/**
 * CPU time a phase cost each party — this process (the servers), Redis
 * (INFO cpu) and the load generator — per request. On a shared 2-core
 * machine throughput moves with the neighbours' load; CPU per request
 * mostly does not, so it says where the time goes.
 */
export interface CpuSplit {
  readonly serverUs: number;
  readonly redisUs: number;
  readonly loadUs: number;
}

async function redisCpuUs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

export async function startCpuMeter(
  redis: Redis,
): Promise<(result: LoadResult) => Promise<CpuSplit>> {
  const server = process.cpuUsage();
  const redisBefore = await redisCpuUs(redis);
  return async (result) => {
    const used = process.cpuUsage(server);
    const redisUsed = (await redisCpuUs(redis)) - redisBefore;
    const n = Math.max(1, result.completed);
    return {
      serverUs: (used.user + used.system) / n,
      redisUs: redisUsed / n,
      loadUs: result.cpuUs / n,
    };
  };
}

export const describeCpu = (c: CpuSplit) =>
  `CPU per request: server ${c.serverUs.toFixed(0)} µs, Redis ${c.redisUs.toFixed(0)} µs, load generator ${c.loadUs.toFixed(0)} µs`;
