import { type Broken, type Measured, measured, merge, type PhaseContext } from './context.ts';
import { describeCpu } from './cpu.ts';
import { startPhaseIngest } from './ingest-env.ts';
import type { Workload } from './payloads.ts';
import { countJobs, type DedupMemory, dedupMemory } from './redis-state.ts';
import { closed, percent, plan, rps, statusLine, throughput, unexpected } from './report.ts';
import { describeLatency, summarize } from './stats.ts';

/**
 * The storm against the ceiling: N alerts over G groups through the real
 * ingest, sent in slices, each slice preceded by as many requests to the
 * bare server — so both see the same neighbours on a shared machine, and
 * the ratio is taken slice by slice as well as overall.
 */
export interface StormFigures extends Broken {
  readonly ceiling: Measured;
  readonly storm: Measured;
  readonly sliceRatios: readonly number[];
  readonly jobs: number;
  readonly memory: DedupMemory;
}

export async function stormAgainstCeiling(
  ctx: PhaseContext,
  barePort: number,
  workload: Extract<Workload, { kind: 'cycle' }>,
  alerts: number,
  slices = 4,
): Promise<StormFigures> {
  const ingest = await startPhaseIngest(ctx.redis, ctx.runPrefix, 'storm');
  const per = Math.ceil(alerts / slices);
  const bare: Measured[] = [];
  const real: Measured[] = [];
  for (let first = 0; first < alerts; first += per) {
    const mode = closed(ctx.concurrency, Math.min(per, alerts - first), 120_000);
    bare.push(await measured(ctx, { ...plan(barePort, ['/'], workload, mode), firstIndex: first }));
    const slice = { ...plan(ingest.port, ingest.paths, workload, mode), firstIndex: first };
    real.push(await measured(ctx, slice));
  }
  await ingest.harness.close();
  const ceiling = merge(bare);
  const storm = merge(real);
  const sliceRatios = real.map((r, i) => {
    const b = bare[i];
    return b === undefined ? Number.NaN : throughput(r.result) / throughput(b.result);
  });
  const jobs = await countJobs(ctx.redis, ingest.prefix);
  const memory = await dedupMemory(ctx.redis, ingest.prefix);
  const ratio = throughput(storm.result) / throughput(ceiling.result);
  ctx.log(
    `ceiling — bare node:http (read, JSON.parse, 202), ${ctx.concurrency} in flight, ${bare.length} slices of ${per}: ${rps(throughput(ceiling.result))}; ${describeLatency(summarize(ceiling.result.latenciesMs))}`,
  );
  ctx.log(`  ${describeCpu(ceiling.cpu)}`);
  ctx.log(
    `storm — real ingest, ${alerts} alerts over ${workload.groups} groups, ${ctx.concurrency} in flight, the same slices: ${rps(throughput(storm.result))} = ${percent(ratio)} of the ceiling (slices ${sliceRatios.map(percent).join(', ')}); answers ${statusLine(storm.result)}; ${describeLatency(summarize(storm.result.latenciesMs))}`,
  );
  ctx.log(
    `  ${describeCpu(storm.cpu)}; BullMQ jobs: ${jobs}; dedup keys: ${memory.keys}, MEMORY USAGE ${memory.bytes} B in all, ${(memory.bytes / Math.max(1, memory.keys)).toFixed(0)} B per fingerprint`,
  );
  return {
    ceiling,
    storm,
    sliceRatios,
    jobs,
    memory,
    broken: [
      ...unexpected('bare server', ceiling.result, ['202']),
      ...unexpected('storm', storm.result, ['200', '202']),
    ],
  };
}
