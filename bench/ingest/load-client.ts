import { type ChildProcess, fork } from 'node:child_process';
import type { LoadPlan, LoadResult } from './load.ts';

/** Runs load plans in a forked load-generator process, one at a time. */
export interface LoadClient {
  run(plan: LoadPlan): Promise<LoadResult>;
  close(): void;
}

type Reply = { ok: true; result: LoadResult } | { ok: false; error: string };

export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(new URL('./load-process.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    run(plan) {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`load generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (reply: Reply) => {
          child.off('exit', onExit);
          if (reply.ok) resolve(reply.result);
          else reject(new Error(`load generator failed: ${reply.error}`));
        });
        child.send(plan);
      });
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}
