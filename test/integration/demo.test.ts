import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The README's first command as CI runs it (`npm run demo -- --auto-approve`,
 * minus the set-up step the test command has just done): a bad rollout → the
 * real alert → a thread in the local Slack workspace with the investigation
 * naming the rollout → Approve clicked as the on-call person → the rollback
 * executed and verified → checkout 3/3 Ready again, and the thread says so.
 */
const run = promisify(execFile);

describe('npm run demo -- --auto-approve', () => {
  it('goes from the alert to an approved, verified rollback and exits 0 with checkout healthy', async () => {
    const { stdout } = await run(
      'node_modules/.bin/tsx',
      ['scripts/demo/demo.ts', '--auto-approve'],
      {
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('thread opened in #oncall');
    expect(stdout).toContain('report: the rollout of Deployment/demo/checkout is failing');
    expect(stdout).toContain('proposal: rollback Deployment/demo/checkout, awaiting approval');
    expect(stdout).toContain('the proposal message in the thread says: Succeeded');
    expect(stdout).toMatch(/phase timings:/);
    expect(stdout).toContain('checkout is healthy: demo passed');
  }, 620_000);
});
