import type { TestProject } from 'vitest/node';
import { apiserverReady } from '../../scripts/testenv/cluster.ts';
import { current, down, type TestenvEnv, up } from '../../scripts/testenv/testenv.ts';

/**
 * Global setup of the integration project: reuses a running test
 * environment (`npm run testenv:up`), or starts one — Redis, the kwok
 * cluster and the alerting chain — and stops it afterwards.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    testenv: TestenvEnv;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = current();
  const reuse =
    running !== undefined &&
    running.state.alerting !== undefined &&
    (await apiserverReady(running.paths));
  const env = reuse && running !== undefined ? running.env : await up({ alerting: true });
  project.provide('testenv', env);
  return async () => {
    if (!reuse) await down();
  };
}
