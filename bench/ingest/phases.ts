/**
 * The ingest bench's phases other than the storm. Each real-ingest phase
 * has its own ingest (own key prefix, own BullMQ queue), so jobs and dedup
 * keys are counted per phase. Each returns its figures, logs its lines,
 * and lists what broke.
 */
import { type Broken, type Measured, measured, type PhaseContext } from './context.ts';
import { describeCpu } from './cpu.ts';
import { startFirstStepProbe } from './first-step.ts';
import { startPhaseIngest } from './ingest-env.ts';
import type { Workload } from './payloads.ts';
import { countJobs } from './redis-state.ts';
import { closed, percent, plan, rps, statusLine, throughput, unexpected } from './report.ts';
import { describeLatency, type LatencySummary, summarize } from './stats.ts';

/** JIT and connection warm-up of both servers, not reported. */
export async function warmUp(ctx: PhaseContext, barePort: number): Promise<Broken> {
  const workload: Workload = { kind: 'cycle', groups: 200, tag: 'warm' };
  const mode = closed(ctx.concurrency, 5_000, 15_000);
  const bare = await ctx.load.run(plan(barePort, ['/'], workload, mode));
  const ingest = await startPhaseIngest(ctx.redis, ctx.runPrefix, 'warm');
  const real = await ctx.load.run(plan(ingest.port, ingest.paths, workload, mode));
  await ingest.harness.close();
  return {
    broken: [
      ...unexpected('warm-up (bare)', bare, ['202']),
      ...unexpected('warm-up', real, ['200', '202']),
    ],
  };
}

/** Every request a new incident (so every request claims and enqueues): the heaviest path. */
export async function newIncidents(
  ctx: PhaseContext,
  requests: number,
  bareRate: number,
): Promise<Broken & Measured & { readonly jobs: number }> {
  const ingest = await startPhaseIngest(ctx.redis, ctx.runPrefix, 'new');
  const { result, cpu } = await measured(
    ctx,
    plan(
      ingest.port,
      ingest.paths,
      { kind: 'unique', tag: 'new' },
      closed(ctx.concurrency, requests, 15_000),
    ),
  );
  await ingest.harness.close();
  const jobs = await countJobs(ctx.redis, ingest.prefix);
  ctx.log(
    `new incidents — real ingest, every alert its own group, ${ctx.concurrency} in flight: ${rps(throughput(result))} (${percent(throughput(result) / bareRate)} of the ceiling) over ${result.completed} requests; ${jobs} jobs; ${describeLatency(summarize(result.latenciesMs))}`,
  );
  ctx.log(`  ${describeCpu(cpu)}`);
  const broken = unexpected('new incidents', result, ['202']);
  if (jobs !== (result.statuses['202'] ?? 0))
    broken.push(`new incidents: ${jobs} jobs for ${result.statuses['202'] ?? 0} answers 202`);
  return { result, cpu, jobs, broken };
}

/** The bare server at the same rate: how much of the latency the machine and the generator add. */
export async function bareAtRate(
  ctx: PhaseContext,
  barePort: number,
  ratePerSecond: number,
  seconds: number,
): Promise<Broken & { readonly summary: LatencySummary }> {
  const workload: Workload = { kind: 'cycle', groups: 1000, tag: 'bare-rate' };
  const result = await ctx.load.run(
    plan(barePort, ['/'], workload, {
      kind: 'open',
      ratePerSecond,
      requests: ratePerSecond * seconds,
      maxMs: seconds * 1000 + 5_000,
    }),
  );
  const summary = summarize(result.latenciesMs);
  ctx.log(
    `reference — bare node:http at ${ratePerSecond} req/s for ${seconds} s (open loop), from the scheduled send: ${describeLatency(summary)}`,
  );
  return { summary, broken: unexpected(`bare at ${ratePerSecond}/s`, result, ['202']) };
}

/** Open loop at a fixed rate, latency from each request's scheduled send time. */
export async function atRate(
  ctx: PhaseContext,
  phase: string,
  workload: Workload,
  ratePerSecond: number,
  seconds: number,
): Promise<Broken & { readonly summary: LatencySummary }> {
  const ingest = await startPhaseIngest(ctx.redis, ctx.runPrefix, phase);
  const requests = ratePerSecond * seconds;
  const { result, cpu } = await measured(
    ctx,
    plan(ingest.port, ingest.paths, workload, {
      kind: 'open',
      ratePerSecond,
      requests,
      maxMs: seconds * 1000 + 5_000,
    }),
  );
  await ingest.harness.close();
  const summary = summarize(result.latenciesMs);
  const label = workload.kind === 'cycle' ? `${workload.groups} groups cycling` : 'every alert new';
  ctx.log(
    `${ratePerSecond} alerts/s for ${seconds} s (open loop, ${label}), from the scheduled send: ${describeLatency(summary)}; achieved ${rps(throughput(result))}; answers ${statusLine(result)}`,
  );
  ctx.log(`  from the actual send: ${describeLatency(summarize(result.serviceMs))}`);
  ctx.log(`  ${describeCpu(cpu)}`);
  return { summary, broken: unexpected(`${phase} at ${ratePerSecond}/s`, result, ['200', '202']) };
}

/** Alert received by ingest → an idle worker's processor starts the run. */
export async function firstStep(
  ctx: PhaseContext,
  alerts: number,
  ratePerSecond: number,
): Promise<Broken & { readonly summary: LatencySummary }> {
  const ingest = await startPhaseIngest(ctx.redis, ctx.runPrefix, 'first');
  const probe = await startFirstStepProbe(ctx.redisUrl, ingest.prefix);
  await new Promise((r) => setTimeout(r, 500));
  const result = await ctx.load.run(
    plan(
      ingest.port,
      ingest.paths,
      { kind: 'unique', tag: 'first' },
      {
        kind: 'open',
        ratePerSecond,
        requests: alerts,
        maxMs: (alerts / ratePerSecond) * 1000 + 5_000,
      },
    ),
  );
  await probe.waitFor(alerts, 10_000);
  await probe.close();
  await ingest.harness.close();
  const summary = summarize(probe.latenciesMs);
  ctx.log(
    `alert received → first step started, idle worker, ${ratePerSecond} alerts/s: ${describeLatency(summary)}`,
  );
  const broken = unexpected('first step', result, ['202']);
  if (summary.n !== alerts) broken.push(`first step: ${summary.n} of ${alerts} runs started`);
  return { summary, broken };
}
