import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestenvPaths } from './paths.ts';
import { freePort, isAlive, stopProcess, waitFor } from './process.ts';

export interface RedisState {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
}

/** redis-cli PING, without a client library (this runs before tests load ioredis). */
export function redisPing(port: number): boolean {
  try {
    return (
      execFileSync('redis-cli', ['-p', String(port), 'ping'], {
        encoding: 'utf8',
        timeout: 2_000,
      }).trim() === 'PONG'
    );
  } catch {
    return false;
  }
}

/** Debian's redis-server on a free loopback port, AOF on so restart tests mean something. */
export async function startRedis(paths: TestenvPaths, port?: number): Promise<RedisState> {
  const dir = path.join(paths.dir, 'redis');
  mkdirSync(dir, { recursive: true });
  const chosen = port ?? (await freePort());
  const pidFile = path.join(dir, 'redis.pid');
  execFileSync('redis-server', [
    '--bind',
    '127.0.0.1',
    '--port',
    String(chosen),
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--daemonize',
    'yes',
    '--pidfile',
    pidFile,
    '--logfile',
    path.join(paths.logs, 'redis.log'),
  ]);
  await waitFor('redis', async () => (redisPing(chosen) ? true : undefined), 15_000);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return { pid, port: chosen, url: `redis://127.0.0.1:${chosen}` };
}

export function redisHealthy(state: RedisState | undefined): boolean {
  return state !== undefined && isAlive(state.pid) && redisPing(state.port);
}

export async function stopRedis(state: RedisState): Promise<void> {
  await stopProcess(state.pid);
}
