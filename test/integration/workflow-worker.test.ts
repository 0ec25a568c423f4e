import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { reportSchema } from '../../src/core/investigation/report.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { RunQueue } from '../../src/core/queue.ts';
import type { WorkflowRun } from '../../src/core/resources/index.ts';
import type { RunStore } from '../../src/core/run-store.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { app, podWhere, waitingReason } from '../support/investigation.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { runsQueue } from '../support/runs-queue.ts';
import { alertEvent, loadWorkflows, workerFor } from '../support/worker.ts';

/** The worker against real Redis (BullMQ) and the real API server: runs recorded as WorkflowRuns. */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'worker');
let store: RunStore;
let registry: MutableRegistry;
let redis: ReturnType<typeof testRedis>;
let queue: RunQueue;
let harness: ReturnType<typeof workerFor>;

const stopped = ['Succeeded', 'Failed', 'AwaitingApproval', 'Cancelled'];
let seq = 0;

async function workflow(name: string, spec: Record<string, unknown>): Promise<void> {
  await customResources(k, ns).create(doc('Workflow', name, spec));
  await loadWorkflows(k, ns, registry);
}

async function runToStop(
  q: RunQueue,
  workflowName: string,
  labels: Record<string, string> = {},
): Promise<WorkflowRun> {
  seq += 1;
  const runId = `${workflowName}-run-${seq}`;
  await q.enqueue({ runId, event: alertEvent(ns, workflowName, labels) });
  return eventually(
    `run ${runId} stopped`,
    async () => {
      const run = await store.get(ns, runId);
      return run?.status?.phase !== undefined && stopped.includes(run.status.phase)
        ? run
        : undefined;
    },
    60_000,
    300,
  );
}

const stepOf = (run: WorkflowRun, name: string) => run.status?.steps?.find((s) => s.name === name);

beforeAll(async () => {
  store = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
  registry = createRegistry();
  redis = testRedis(env.REDIS_URL, 'worker');
  queue = createBullmqRunQueue(redis.redis, redis.prefix);
  harness = workerFor(k, registry, {
    redisUrl: env.REDIS_URL,
    prefix: redis.prefix,
    slowMs: 3_000,
    // The simulated kubelet serves this file as the logs of cli steps' pods.
    podLabels: { 'sim.punchingfist.io/logs': 'crashloop-db' },
    options: { lockDurationMs: 5_000, stalledIntervalMs: 2_000 },
  });
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', {
      podLabels: {
        'sim.punchingfist.io/fault': 'crashloop',
        'sim.punchingfist.io/logs': 'crashloop-db',
      },
    }),
  });
  for (const name of ['first-app', 'slow-app']) {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: app(name) });
  }
  await podWhere(
    k,
    ns,
    'a crash-looping checkout pod',
    (p) => waitingReason(p) === 'CrashLoopBackOff',
  );
});

afterAll(async () => {
  await harness?.close();
  await queue?.close();
  await redis?.cleanup();
});

describe('the worker', () => {
  it('runs an analyze step on the alert’s Deployment and records the report on the WorkflowRun', async () => {
    await workflow('triage', { steps: [{ name: 'analyze', type: 'analyze' }] });
    const run = await runToStop(queue, 'triage', { deployment: 'checkout' });
    expect(run.status).toMatchObject({
      phase: 'Succeeded',
      steps: [{ name: 'analyze', type: 'analyze', phase: 'Succeeded', attempts: 1 }],
    });
    expect(run.status?.duration).toMatch(/^(\d+m)?\d+s$/);
    expect(run.status?.finishedAt).toBeDefined();
    expect(run.spec.trigger).toMatchObject({
      type: 'alertmanager',
      alertNames: ['KubePodCrashLooping'],
    });
    const raw = (await customResources(k, ns).get('WorkflowRun', run.metadata.name)) as {
      metadata: { ownerReferences?: { kind: string; name: string }[] };
    };
    expect(raw.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Workflow', name: 'triage' });
    const report = reportSchema.parse(JSON.parse(run.status?.outputs?.analyze ?? '{}'));
    expect(report.findings[0]?.category).toBe('CrashLoopBackOff');
    expect(report.rootCause).not.toBeNull();
    expect(stepOf(run, 'analyze')?.outputSummary).toBe(report.summary);
    const metrics = await harness.metrics.metrics();
    expect(metrics).toMatch(
      /punchingfist_run_duration_seconds_count\{workflow="triage",phase="Succeeded"\} 1/,
    );
  });

  it('skips steps when a conditional’s CEL expression over an earlier output takes its then branch', async () => {
    await workflow('gated', {
      steps: [
        {
          name: 'analyze',
          type: 'analyze',
          target: { kind: 'Deployment', name: '{{event.labels.deployment}}' },
        },
        {
          name: 'crashing',
          type: 'conditional',
          expression: "steps.analyze.output.findings.exists(f, f.category == 'CrashLoopBackOff')",
          // biome-ignore lint/suspicious/noThenProperty: `then` is the conditional step's field in the Workflow API
          then: 'summary',
        },
        { name: 'deeper', type: 'analyze', target: { kind: 'Deployment', name: 'first-app' } },
        { name: 'summary', type: 'agent', goal: 'Why is {{event.labels.deployment}} crashing?' },
      ],
      runtime: { provider: 'none' },
      outputs: { rootCause: '{{steps.summary.output.report.rootCause}}' },
    });
    const run = await runToStop(queue, 'gated', { deployment: 'checkout' });
    expect(run.status?.phase).toBe('Succeeded');
    expect(run.status?.steps?.map((s) => [s.name, s.phase])).toEqual([
      ['analyze', 'Succeeded'],
      ['crashing', 'Succeeded'],
      ['deeper', 'Skipped'],
      ['summary', 'Succeeded'],
    ]);
    expect(stepOf(run, 'crashing')?.outputSummary).toBe('true → go to summary');
    expect(run.status?.outputs?.rootCause).toMatch(/.+/);
  });

  it('ends a run at a remediate step AwaitingApproval, the proposal recorded without a decision', async () => {
    await workflow('fixer', {
      steps: [
        { name: 'analyze', type: 'analyze' },
        {
          name: 'restart',
          type: 'remediate',
          action: 'rollout_restart',
          params: { target: 'Deployment/{{run.namespace}}/{{event.labels.deployment}}' },
        },
        { name: 'after', type: 'analyze' },
      ],
    });
    const run = await runToStop(queue, 'fixer', { deployment: 'checkout' });
    expect(run.status?.phase).toBe('AwaitingApproval');
    expect(stepOf(run, 'restart')?.phase).toBe('AwaitingApproval');
    expect(stepOf(run, 'after')).toBeUndefined();
    expect(run.status?.approvals).toEqual([
      {
        proposalId: `${run.metadata.name}-restart`,
        action: 'rollout_restart',
        target: `Deployment/${ns}/checkout`,
      },
    ]);
    expect(run.status?.finishedAt).toBeUndefined();
  });

  it('fails a run whose Workflow does not exist, without retrying the job', async () => {
    const run = await runToStop(queue, 'no-such-workflow');
    expect(run.status?.phase).toBe('Failed');
    expect(run.status?.message).toContain(`Workflow ${ns}/no-such-workflow not found`);
    const q = runsQueue(redis.redis, redis.prefix);
    const job = await eventually('job failed', async () => {
      const j = await q.getJob(run.metadata.name);
      return (await j?.getState()) === 'failed' ? j : undefined;
    });
    expect(job.attemptsMade).toBe(1);
    await q.close();
  });

  it('fails a step that outlives its timeout, after its retries', async () => {
    await workflow('hasty', {
      steps: [
        {
          name: 'look',
          type: 'analyze',
          timeout: '1s',
          retries: 1,
          target: { kind: 'Deployment', name: 'slow-app' },
        },
      ],
    });
    const run = await runToStop(queue, 'hasty');
    expect(run.status?.phase).toBe('Failed');
    expect(stepOf(run, 'look')).toMatchObject({
      phase: 'Failed',
      attempts: 2,
      error: 'timed out after 1s',
    });
    expect(await harness.metrics.metrics()).toMatch(
      /punchingfist_step_failures_total\{workflow="hasty",step="look",type="analyze"\} 2/,
    );
  });
  it('runs a cli step as a Job owned by the run, its pod logs as the output', async () => {
    await workflow('shell', {
      steps: [
        {
          name: 'dump',
          type: 'cli',
          image: 'busybox:1.36',
          command: ['sh', '-c'],
          args: ['echo {{event.labels.deployment}}'],
          timeout: '1m',
        },
      ],
      outputs: { logs: '{{steps.dump.output.logs}}' },
    });
    const run = await runToStop(queue, 'shell', { deployment: 'checkout' });
    expect(run.status?.phase, run.status?.message).toBe('Succeeded');
    const job = await k.batch.readNamespacedJob({
      name: `${run.metadata.name}-dump`,
      namespace: ns,
    });
    expect(job.spec?.template.spec?.containers[0]).toMatchObject({
      image: 'busybox:1.36',
      command: ['sh', '-c'],
      args: ['echo checkout'],
    });
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'WorkflowRun',
      name: run.metadata.name,
    });
    expect(run.status?.outputs?.logs).toContain('starting checkout-api v2.4.1');
  });
});

describe('a worker killed mid-run', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('leaves the run to another worker, which finishes it once, without redoing finished steps', async () => {
    await workflow('crashy', {
      steps: [
        { name: 'first', type: 'analyze', target: { kind: 'Deployment', name: 'first-app' } },
        { name: 'second', type: 'analyze', target: { kind: 'Deployment', name: 'slow-app' } },
      ],
    });
    const own = testRedis(env.REDIS_URL, 'worker-kill');
    const q = createBullmqRunQueue(own.redis, own.prefix);
    const script = path.join(import.meta.dirname, '../support/worker-process.ts');
    const config = {
      kubeconfig: env.KUBECONFIG,
      redisUrl: env.REDIS_URL,
      prefix: own.prefix,
      namespace: ns,
      slowMs: 600_000,
      lockDurationMs: 2_000,
    };
    child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await eventually('child worker ready', async () =>
      out.includes('worker ready') ? true : undefined,
    );
    const runId = 'crashy-killed-run';
    await q.enqueue({ runId, event: alertEvent(ns, 'crashy', {}) });
    await eventually('the child started the slow step', async () =>
      /"step":"second".*"msg":"step started"/.test(out) ? true : undefined,
    );
    const before = await store.get(ns, runId);
    expect(stepOf(before as WorkflowRun, 'first')?.phase).toBe('Succeeded');
    child.kill('SIGKILL');

    const seen: string[] = [];
    const other = workerFor(k, registry, {
      redisUrl: env.REDIS_URL,
      prefix: own.prefix,
      slowMs: 200,
      seen,
      options: { lockDurationMs: 2_000, stalledIntervalMs: 1_000 },
    });
    try {
      const run = await eventually(
        'the run finished by the other worker',
        async () => {
          const r = await store.get(ns, runId);
          return r?.status?.phase === 'Succeeded' ? r : undefined;
        },
        60_000,
        300,
      );
      expect(run.status?.steps?.map((s) => [s.name, s.phase, s.attempts])).toEqual([
        ['first', 'Succeeded', 1],
        ['second', 'Succeeded', 1],
      ]);
      expect(stepOf(run, 'first')?.finishedAt).toBe(
        stepOf(before as WorkflowRun, 'first')?.finishedAt,
      );
      expect(seen).toContain('slow-app');
      expect(seen).not.toContain('first-app');
      const runs = await store.list({ namespace: ns, workflow: 'crashy' });
      expect(runs.map((r) => r.metadata.name)).toEqual([runId]);
      expect(JSON.parse(run.status?.outputs?.first ?? '{}')).toMatchObject({
        target: `Deployment/${ns}/first-app`,
      });
      const bull = runsQueue(own.redis, own.prefix);
      const job = await bull.getJob(runId);
      expect(await job?.getState()).toBe('completed');
      await bull.close();
    } finally {
      await other.close();
      await q.close();
      await own.cleanup();
    }
  });
});
