import http from 'node:http';
import { type BenchRequest, requestSource, type Workload } from './payloads.ts';

/**
 * The load generator: node:http over keep-alive connections to 127.0.0.1.
 * Closed loop (N requests in flight, each lane sends its next request when
 * the last one is answered) measures throughput; open loop (sends paced by
 * timestamp, latency counted from the scheduled send time so a slow answer
 * cannot hide the requests queued behind it) measures latency at a rate.
 * Every run is bounded by a request count and a deadline.
 */
export type LoadMode =
  | {
      readonly kind: 'closed';
      readonly concurrency: number;
      readonly requests: number;
      readonly maxMs: number;
    }
  | {
      readonly kind: 'open';
      readonly ratePerSecond: number;
      readonly requests: number;
      readonly maxMs: number;
    };

export interface LoadPlan {
  readonly port: number;
  readonly paths: readonly string[];
  readonly token?: string;
  readonly workload: Workload;
  /** Index of the plan's first request in its workload (a workload sent in slices). */
  readonly firstIndex?: number;
  readonly mode: LoadMode;
}

export interface LoadResult {
  readonly sent: number;
  readonly completed: number;
  readonly elapsedMs: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly firstError?: string;
  readonly latenciesMs: readonly number[];
  /** From the actual send to the answer: without the generator's own lateness (open loop). */
  readonly serviceMs: readonly number[];
  /** CPU time (user + system) the load generator spent, µs. */
  readonly cpuUs: number;
}

const requestTimeoutMs = 10_000;

interface Recorder {
  readonly statuses: Record<string, number>;
  readonly latencies: number[];
  readonly service: number[];
  errors: number;
  firstError?: string;
  completed: number;
}

function send(
  agent: http.Agent,
  plan: LoadPlan,
  request: BenchRequest,
  from: number,
  rec: Recorder,
): Promise<void> {
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': request.body.length,
    };
    if (plan.token !== undefined) headers.authorization = `Bearer ${plan.token}`;
    const req = http.request(
      { agent, host: '127.0.0.1', port: plan.port, method: 'POST', path: request.path, headers },
      (res) => {
        res.on('end', () => {
          const now = performance.now();
          rec.latencies.push(now - from);
          rec.service.push(now - sentAt);
          rec.statuses[String(res.statusCode)] = (rec.statuses[String(res.statusCode)] ?? 0) + 1;
          rec.completed += 1;
          resolve();
        });
        res.resume();
      },
    );
    req.setTimeout(requestTimeoutMs, () => req.destroy(new Error('no answer in time')));
    req.on('error', (err) => {
      rec.errors += 1;
      rec.firstError ??= err.message;
      resolve();
    });
    req.end(request.body);
  });
}

async function closedLoop(
  plan: LoadPlan,
  mode: Extract<LoadMode, { kind: 'closed' }>,
  agent: http.Agent,
  rec: Recorder,
): Promise<number> {
  const next = requestSource(plan.workload, plan.paths);
  const first = plan.firstIndex ?? 0;
  const deadline = performance.now() + mode.maxMs;
  let sent = 0;
  const lane = async () => {
    while (sent < mode.requests && performance.now() < deadline) {
      const request = next(first + sent);
      sent += 1;
      await send(agent, plan, request, performance.now(), rec);
    }
  };
  await Promise.all(Array.from({ length: mode.concurrency }, lane));
  return sent;
}

async function openLoop(
  plan: LoadPlan,
  mode: Extract<LoadMode, { kind: 'open' }>,
  agent: http.Agent,
  rec: Recorder,
): Promise<number> {
  const next = requestSource(plan.workload, plan.paths);
  const first = plan.firstIndex ?? 0;
  const interval = 1000 / mode.ratePerSecond;
  const start = performance.now() + 5;
  const deadline = start + mode.maxMs;
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < mode.requests && start + sent * interval <= now && now < deadline) {
        inFlight.push(send(agent, plan, next(first + sent), start + sent * interval, rec));
        sent += 1;
      }
      if (sent >= mode.requests || now >= deadline) done();
      else setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 5);
  });
  await Promise.all(inFlight);
  return sent;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const sockets = plan.mode.kind === 'closed' ? plan.mode.concurrency : 512;
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const rec: Recorder = { statuses: {}, latencies: [], service: [], errors: 0, completed: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const sent =
      plan.mode.kind === 'closed'
        ? await closedLoop(plan, plan.mode, agent, rec)
        : await openLoop(plan, plan.mode, agent, rec);
    const used = process.cpuUsage(cpu);
    return {
      sent,
      completed: rec.completed,
      elapsedMs: performance.now() - started,
      statuses: rec.statuses,
      errors: rec.errors,
      ...(rec.firstError === undefined ? {} : { firstError: rec.firstError }),
      latenciesMs: rec.latencies,
      serviceMs: rec.service,
      cpuUs: used.user + used.system,
    };
  } finally {
    agent.destroy();
  }
}
