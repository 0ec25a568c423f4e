/**
 * `npm run bench [-- ingest | investigate [runs] | compaction | investigate-tokens]`: the benchmarks, against
 * the test environment (`npm run testenv:up`). With no argument, the ingest
 * bench, then the investigation bench (bench/investigate.ts, in a child
 * process: it runs its own main). Targets print PASS/FAIL; the exit code is
 * non-zero only when a bench broke.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { current } from '../scripts/testenv/testenv.ts';
import { runCompactionBench } from './compaction.ts';
import { runIngestBench } from './ingest.ts';
import { runInvestigateTokensBench } from './investigate-tokens.ts';

async function ingest(): Promise<boolean> {
  const testenv = current();
  if (testenv === undefined) throw new Error('no test environment: run `npm run testenv:up`');
  const report = await runIngestBench({ redisUrl: testenv.env.REDIS_URL });
  return report.broken.length === 0;
}

function investigate(runs: string | undefined): boolean {
  const script = fileURLToPath(new URL('./investigate.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, ...(runs ? [runs] : [])], {
    stdio: 'inherit',
  });
  return child.status === 0;
}

const [which = 'all', runs] = process.argv.slice(2);
let ok = true;
if (which === 'all' || which === 'ingest') ok = (await ingest()) && ok;
if (which === 'all' || which === 'investigate') {
  console.log('\ninvestigation bench:');
  ok = investigate(runs) && ok;
}
if (which === 'all' || which === 'compaction') {
  console.log('\ncompaction bench (agent tool output):');
  ok = runCompactionBench() && ok;
}
if (which === 'all' || which === 'investigate-tokens') {
  console.log('\ninvestigation token bench (compaction on vs off, Anthropic fake):');
  ok = (await runInvestigateTokensBench()) && ok;
}
if (!['all', 'ingest', 'investigate', 'compaction', 'investigate-tokens'].includes(which)) {
  console.error(
    `usage: npm run bench [-- ingest | investigate [runs] | compaction | investigate-tokens] (got ${which})`,
  );
  ok = false;
}
process.exitCode = ok ? 0 : 1;
