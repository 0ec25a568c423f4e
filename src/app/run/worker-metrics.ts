import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Worker metrics (SPEC §6), registered on the app's one Registry. */
export interface WorkerMetrics {
  readonly runDuration: Histogram<'workflow' | 'phase'>;
  readonly stepFailures: Counter<'workflow' | 'step' | 'type'>;
  readonly queueWait: Histogram<'workflow'>;
  readonly queueDepth: Gauge<'state'>;
}

export function createWorkerMetrics(
  registry: Registry,
  jobCounts: () => Promise<Record<string, number>>,
): WorkerMetrics {
  return {
    runDuration: new Histogram({
      name: 'punchingfist_run_duration_seconds',
      help: 'Wall time of a run from start to the phase it stopped in, by Workflow and phase.',
      labelNames: ['workflow', 'phase'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    stepFailures: new Counter({
      name: 'punchingfist_step_failures_total',
      help: 'Failed step attempts (retried or not), by Workflow, step and step type.',
      labelNames: ['workflow', 'step', 'type'],
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: 'punchingfist_queue_wait_seconds',
      help: 'Time a run waited in the queue before a worker first took it.',
      labelNames: ['workflow'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'punchingfist_queue_jobs',
      help: 'Jobs in the runs queue by state (waiting, active, delayed, failed).',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await jobCounts().catch(() => ({}));
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    }),
  };
}
