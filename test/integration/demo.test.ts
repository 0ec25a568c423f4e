import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The README's first command, as a newcomer runs it (minus the set-up step,
 * which the test command has just done): the demo must go from a bad
 * rollout to the real alert to an investigation that proposes the rollback.
 */
const run = promisify(execFile);

describe('npm run demo', () => {
  it('finds the bad rollout behind the real alert and proposes a rollback', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['scripts/demo/demo.ts'], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/Alertmanager has: .*KubePodCrashLooping/);
    expect(stdout).toContain(
      'Root cause: the rollout of Deployment/demo/checkout to revision 2 is failing',
    );
    expect(stdout).toContain('env DATABASE_URL of container "checkout"');
    expect(stdout).toMatch(/rollback Deployment\/demo\/checkout \{"toRevision":1/);
    expect(stdout).toMatch(/phase timings:/);
  }, 320_000);
});
