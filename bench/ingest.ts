/**
 * Issue 4's ingest benchmark: the real Alertmanager webhook ingest (HTTP
 * server, auth, zod, Redis token bucket and dedup, BullMQ enqueue) and, in
 * the same run, a bare node:http server (the ceiling), on loopback, with
 * the load generator in a process of its own. Needs `npm run testenv:up`
 * (Redis). Prints the figures and PASS/FAIL per target; `broken` lists what
 * makes the figures meaningless (transport errors, answers a healthy
 * ingest never gives). Keys live under a fresh prefix, deleted at the end.
 *
 *   npm run bench -- ingest
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Redis } from 'ioredis';
import { startBareServer } from './ingest/bare-server.ts';
import type { PhaseContext } from './ingest/context.ts';
import { startLoadClient } from './ingest/load-client.ts';
import type { Workload } from './ingest/payloads.ts';
import { atRate, bareAtRate, firstStep, newIncidents, warmUp } from './ingest/phases.ts';
import { deleteKeys } from './ingest/redis-state.ts';
import { percent, rps, type Target, throughput } from './ingest/report.ts';
import { stormAgainstCeiling } from './ingest/storm.ts';

export interface IngestBenchOptions {
  readonly redisUrl: string;
  readonly concurrency?: number;
  readonly stormAlerts?: number;
  readonly stormGroups?: number;
  readonly ratePerSecond?: number;
  readonly rateSeconds?: number;
  readonly firstStepAlerts?: number;
  readonly firstStepRate?: number;
  readonly log?: (line: string) => void;
}

export interface IngestBenchReport {
  readonly targets: readonly Target[];
  readonly broken: readonly string[];
}

const defaults = {
  concurrency: 64,
  stormAlerts: 100_000,
  stormGroups: 1_000,
  ratePerSecond: 1_000,
  rateSeconds: 10,
  firstStepAlerts: 500,
  firstStepRate: 100,
  log: (line: string) => console.log(line),
};

/** Load average, and on Linux the share of the last minute something waited for a CPU (PSI). */
function machineLoad(): string {
  const average = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  let pressure = '';
  try {
    const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(
      readFileSync('/proc/pressure/cpu', 'utf8'),
    );
    if (some) pressure = `, CPU pressure (PSI some) avg10 ${some[1]}% avg60 ${some[2]}%`;
  } catch {
    // Not Linux, or no PSI: the load average says enough.
  }
  return `load average ${average}${pressure}`;
}

async function measure(
  ctx: PhaseContext,
  barePort: number,
  o: typeof defaults,
): Promise<IngestBenchReport> {
  const broken: string[] = [...(await warmUp(ctx, barePort)).broken];
  const workload = { kind: 'cycle', groups: o.stormGroups, tag: 'storm' } as const;
  const s = await stormAgainstCeiling(ctx, barePort, workload, o.stormAlerts);
  const bareRate = throughput(s.ceiling.result);
  const fresh = await newIncidents(ctx, 20_000, bareRate);
  const reference = await bareAtRate(ctx, barePort, o.ratePerSecond, o.rateSeconds);
  const mixed = await atRate(ctx, 'rate-storm', workload, o.ratePerSecond, o.rateSeconds);
  const unique: Workload = { kind: 'unique', tag: 'rate-new' };
  const allNew = await atRate(ctx, 'rate-new', unique, o.ratePerSecond, o.rateSeconds);
  const first = await firstStep(ctx, o.firstStepAlerts, o.firstStepRate);
  broken.push(...[s, fresh, reference, mixed, allNew, first].flatMap((p) => p.broken));

  const ratio = throughput(s.storm.result) / bareRate;
  const perFingerprint = s.memory.bytes / Math.max(1, s.memory.keys);
  const targets: Target[] = [
    {
      name: 'sustained ingest (the storm) >= 50% of the bare-server ceiling',
      pass: ratio >= 0.5,
      detail: `${rps(throughput(s.storm.result))} vs ${rps(bareRate)} = ${percent(ratio)}, slices ${s.sliceRatios.map(percent).join(', ')} (every alert new: ${percent(throughput(fresh.result) / bareRate)})`,
    },
    {
      name: `p99 < 10 ms at ${o.ratePerSecond} alerts/s`,
      pass: mixed.summary.p99 < 10 && allNew.summary.p99 < 10,
      detail: `storm mix ${mixed.summary.p99.toFixed(2)} ms, every alert new ${allNew.summary.p99.toFixed(2)} ms (bare server at the same rate: ${reference.summary.p99.toFixed(2)} ms)`,
    },
    {
      name: `storm: exactly ${o.stormGroups} runs from ${o.stormAlerts} alerts`,
      pass: s.jobs === o.stormGroups && s.storm.result.statuses['202'] === o.stormGroups,
      detail: `${s.jobs} BullMQ jobs, ${s.storm.result.statuses['202'] ?? 0} answered 202`,
    },
    {
      name: 'storm: dedup state < 300 B per fingerprint',
      pass: s.memory.keys === o.stormGroups && perFingerprint < 300,
      detail: `${perFingerprint.toFixed(0)} B (${s.memory.keys} keys)`,
    },
    {
      name: 'alert received → first step started p95 < 50 ms (idle worker)',
      pass: first.summary.n === o.firstStepAlerts && first.summary.p95 < 50,
      detail: `${first.summary.p95.toFixed(1)} ms over ${first.summary.n} runs`,
    },
  ];
  return { targets, broken };
}

export async function runIngestBench(options: IngestBenchOptions): Promise<IngestBenchReport> {
  const o = { ...defaults, ...options };
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  const runPrefix = `bench-ingest-${randomBytes(4).toString('hex')}:`;
  const load = startLoadClient();
  const bare = await startBareServer();
  o.log(
    `ingest bench: ${os.availableParallelism()} cores, node ${process.version}, ${machineLoad()}, Redis prefix ${runPrefix}`,
  );
  const ctx: PhaseContext = {
    load,
    redis,
    redisUrl: o.redisUrl,
    runPrefix,
    concurrency: o.concurrency,
    log: o.log,
  };
  let report: IngestBenchReport;
  try {
    report = await measure(ctx, bare.port, o);
  } finally {
    load.close();
    await bare.close();
    o.log(`cleanup: deleted ${await deleteKeys(redis, runPrefix)} keys under ${runPrefix}`);
    redis.disconnect();
  }
  o.log(`at the end: ${machineLoad()}`);
  for (const t of report.targets) o.log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`);
  for (const b of report.broken) o.log(`BROKEN  ${b}`);
  return report;
}
