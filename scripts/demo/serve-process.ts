import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../testenv/paths.ts';
import { freePort, httpOk } from '../testenv/process.ts';
import { until } from './until.ts';

/**
 * `punchingfist serve --config examples/demo` as its own process, the way
 * an operator runs it: environment variables only, logs to a file.
 */
export interface ServeProcess {
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startServe(
  env: Record<string, string>,
  logFile: string,
): Promise<ServeProcess> {
  const port = await freePort();
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin/punchingfist.js'), 'serve', '--config', 'examples/demo'],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    'punchingfist serve to be ready',
    async () => {
      if (exited !== undefined) throw new Error(`serve exited with ${exited}; see ${logFile}`);
      return (await httpOk(`${url}/readyz`)) ? true : undefined;
    },
    60_000,
  ).catch((err: unknown) => {
    if (exited !== undefined)
      throw new Error(`punchingfist serve exited (${exited}); see ${logFile}`);
    throw err;
  });
  return {
    url,
    logFile,
    stop: async () => {
      if (exited !== undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
      log.end();
    },
  };
}
