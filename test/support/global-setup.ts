import type { TestProject } from 'vitest/node';
import { down, started, type TestenvEnv, up } from '../../scripts/testenv/testenv.ts';

/**
 * Global setup of the integration project. An environment someone started
 * (`npm run testenv:up`, the demo, another run) is reused — repaired where a
 * piece is down — and left running. Otherwise one is started (Redis, the
 * kwok cluster, the alerting chain) and stopped afterwards, as in CI.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    testenv: TestenvEnv;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const owned = !started();
  const env = await up({ alerting: true });
  project.provide('testenv', env);
  return async () => {
    if (owned) await down();
  };
}
