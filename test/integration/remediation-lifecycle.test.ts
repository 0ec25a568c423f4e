import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry as MetricsRegistry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kubeActionExecutor } from '../../src/adapters/kube/actions/kube-action-executor.ts';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createKubeEventRecorder } from '../../src/adapters/kube/kube-event-recorder.ts';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { actionsQueueName } from '../../src/adapters/redis/bullmq-action-queue.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createRedisProposalStore } from '../../src/adapters/redis/proposal-store.ts';
import { createRemediation, type Remediation } from '../../src/app/remediation/remediation.ts';
import {
  createCelEvaluator,
  createStepExecutors,
  type RunWorker,
  startWorker,
} from '../../src/app/run/index.ts';
import { proposalIdOf } from '../../src/app/run/steps/remediate-step.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { DecisionResult } from '../../src/core/remediation/proposal.ts';
import type { WorkflowRun } from '../../src/core/resources/index.ts';
import type { RunStore } from '../../src/core/run-store.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { deployment, rolledOut } from '../support/remediation.ts';
import { alertEvent, loadWorkflows } from '../support/worker.ts';

/**
 * The remediation lifecycle against the real cluster and Redis: a run
 * proposes, people approve through two replicas' gates at once, two action
 * workers share the queue, the action runs once, the decision is on the
 * WorkflowRun and as Events on the target, the run resumes; a verification
 * that times out rolls the action back and the run says so.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'remediation-life');
let runs: RunStore;
let registry: MutableRegistry;
let redis: ReturnType<typeof testRedis>;
const connections: Redis[] = [];
const replicas: Remediation[] = [];
let worker: RunWorker;

const connection = () => {
  const c = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connections.push(c);
  return c;
};

function replica(): Remediation {
  const r = createRemediation({
    connection: connection(),
    prefix: redis.prefix,
    runs,
    recorder: createKubeEventRecorder(k.core, systemClock),
    executor: kubeActionExecutor(k.kc, { clock: systemClock, pollIntervalMs: 250 }),
    cluster: createKubeCluster(k.kc),
    evaluator: createCelEvaluator(),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    operatorNamespace: 'punchingfist-system',
    defaultApprovers: { users: [], userGroups: [] },
    worker: true,
    options: { verifyTimeoutMs: () => 6_000, sweepIntervalMs: 1_000 },
  });
  replicas.push(r);
  return r;
}

let a: Remediation;
let b: Remediation;

beforeAll(async () => {
  runs = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
  registry = createRegistry();
  redis = testRedis(env.REDIS_URL, 'remediation-life');
  a = replica();
  b = replica();
  worker = startWorker({
    connection: connection(),
    prefix: redis.prefix,
    registry,
    runs,
    steps: createStepExecutors({
      cluster: createKubeCluster(k.kc),
      clock: systemClock,
      defaultProvider: 'none',
      remediation: a.proposer,
    }),
    evaluator: createCelEvaluator(),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    metrics: new MetricsRegistry(),
  });
});

afterAll(async () => {
  await worker?.close(5_000);
  for (const r of replicas) await r.close();
  for (const c of connections) c.disconnect();
  await redis?.cleanup();
});

async function runUntil(runId: string, phases: string[]): Promise<WorkflowRun> {
  return eventually(
    `run ${runId} in ${phases.join('/')}`,
    async () => {
      const run = await runs.get(ns, runId);
      return phases.includes(run?.status?.phase ?? '') ? run : undefined;
    },
    90_000,
    300,
  );
}

async function start(workflow: string, spec: Record<string, unknown>, runId: string) {
  await customResources(k, ns).create(doc('Workflow', workflow, spec));
  await loadWorkflows(k, ns, registry);
  const queue = createBullmqRunQueue(connection(), redis.prefix);
  await queue.enqueue({ runId, event: alertEvent(ns, workflow, {}) });
  await queue.close();
}

const types = (results: readonly DecisionResult[]) =>
  results.map((r) => (r.type === 'rejected' ? r.reason : r.type)).sort();

async function eventReasons(name: string): Promise<string[]> {
  const list = await k.core.listNamespacedEvent({
    namespace: ns,
    fieldSelector: `involvedObject.name=${name}`,
  });
  return list.items.map((e) => e.reason ?? '');
}

const generation = async (name: string) =>
  (await k.apps.readNamespacedDeployment({ name, namespace: ns })).metadata?.generation ?? 0;

describe('remediation lifecycle', () => {
  it('double clicks and two approvers at once enqueue once; the action changes the cluster once, is audited, and the run resumes', async () => {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', 2) });
    await rolledOut(k, ns, 'web');
    const before = await generation('web');
    const runId = 'scale-web-1';
    await start(
      'scale-web',
      {
        approvalPolicy: { required: 2, approvers: { users: ['UA1', 'UA2', 'UA3'] } },
        steps: [
          {
            name: 'fix',
            type: 'remediate',
            action: 'scale',
            params: { target: `Deployment/${ns}/web`, replicas: 3 },
          },
          {
            name: 'after',
            type: 'conditional',
            expression: "steps.fix.phase == 'Succeeded'",
            else: 'skip',
          },
        ],
      },
      runId,
    );
    await runUntil(runId, ['AwaitingApproval']);
    const id = proposalIdOf(runId, 'fix');
    expect(await a.gate.get(id)).toMatchObject({
      state: 'Proposed',
      requiredApprovals: 2,
      dryRun: { ok: true },
    });

    const u = (id: string) => ({ id, userGroups: [] });
    const outsider = await b.gate.decide(id, 'approve', u('UA9'));
    expect(outsider).toMatchObject({ type: 'rejected', reason: 'not-allowed' });
    // A double click on one replica and the same person on another, at once.
    const first = await Promise.all([
      a.gate.decide(id, 'approve', u('UA1')),
      a.gate.decide(id, 'approve', u('UA1')),
      b.gate.decide(id, 'approve', u('UA1')),
    ]);
    expect(types(first)).toEqual(['recorded', 'same-approver', 'same-approver']);
    // Two more approvers at once, on two replicas: one approves, the other is too late.
    const second = await Promise.all([
      a.gate.decide(id, 'approve', u('UA2')),
      b.gate.decide(id, 'approve', u('UA3')),
    ]);
    expect(types(second)).toEqual(['already-decided', 'approved']);

    const run = await runUntil(runId, ['Succeeded', 'Failed']);
    expect(run.status?.phase).toBe('Succeeded');
    expect(run.status?.steps?.find((s) => s.name === 'after')?.phase).toBe('Succeeded');
    expect(run.status?.approvals?.[0]).toMatchObject({
      proposalId: id,
      decision: 'Approved',
      decidedBy: expect.arrayContaining(['UA1']),
      outcome: 'Succeeded',
      message: expect.stringMatching(/verified/),
    });
    const actions = new Queue(actionsQueueName, {
      connection: connection(),
      prefix: `${redis.prefix}bull`,
    });
    const counts = await actions.getJobCounts(
      'completed',
      'failed',
      'active',
      'waiting',
      'delayed',
    );
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(1);
    expect(
      (await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns })).spec?.replicas,
    ).toBe(3);
    expect(await generation('web')).toBe(before + 1);
    const reasons = await eventually('events on web', async () => {
      const r = await eventReasons('web');
      return r.includes('RemediationSucceeded') ? r : undefined;
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        'RemediationProposed',
        'RemediationApproved',
        'RemediationExecuting',
        'RemediationSucceeded',
      ]),
    );

    // A worker died mid-action and its job is delivered again: the record says Executing once more.
    const store = createRedisProposalStore(connection(), redis.prefix);
    await store.update(id, (r) => {
      const { outcome: _o, ...rest } = r;
      return { next: { ...rest, state: 'Executing' }, value: undefined };
    });
    await store.close();
    await (await actions.getJob(id))?.remove();
    await a.gate.get(id);
    const queue = new Queue(actionsQueueName, {
      connection: connection(),
      prefix: `${redis.prefix}bull`,
    });
    await queue.add('action', { proposalId: id }, { jobId: id });
    const again = await eventually('the retried job finished', async () => {
      const p = await b.gate.get(id);
      return p?.state === 'Succeeded' ? p : undefined;
    });
    expect(again.outcome?.message).toMatch(/already applied/);
    expect(await generation('web')).toBe(before + 1);
    await queue.close();
    await actions.close();
  });

  it('a verification that times out runs the inverse action, and the run says so', async () => {
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('stuck', 1, { fault: 'notready' }),
    });
    const runId = 'scale-stuck-1';
    await start(
      'scale-stuck',
      {
        approvalPolicy: { required: 0 },
        steps: [
          {
            name: 'fix',
            type: 'remediate',
            action: 'scale',
            params: { target: `Deployment/${ns}/stuck`, replicas: 2 },
          },
        ],
      },
      runId,
    );
    const run = await runUntil(runId, ['Succeeded', 'Failed']);
    expect(run.status?.phase).toBe('Failed');
    expect(run.status?.message).toMatch(/rolled back/);
    expect(run.status?.approvals?.[0]).toMatchObject({
      decision: 'AutoApproved',
      decidedBy: ['policy:auto'],
      outcome: 'RolledBack',
      message: expect.stringMatching(/timed out after 6s.*rolled back/),
    });
    expect(
      (await k.apps.readNamespacedDeployment({ name: 'stuck', namespace: ns })).spec?.replicas,
    ).toBe(1);
    const reasons = await eventually('events on stuck', async () => {
      const r = await eventReasons('stuck');
      return r.includes('RemediationRolledBack') ? r : undefined;
    });
    expect(reasons).toContain('RemediationApproved');
  });

  it('a dismissed or expired proposal runs nothing; the run ends saying so', async () => {
    await k.apps.createNamespacedDeployment({ namespace: ns, body: deployment('calm', 1) });
    await rolledOut(k, ns, 'calm');
    const spec = (replicas: number) => ({
      approvalPolicy: { required: 1 },
      steps: [
        {
          name: 'fix',
          type: 'remediate',
          action: 'scale',
          params: { target: `Deployment/${ns}/calm`, replicas },
        },
      ],
    });
    await start('calm-dismiss', spec(2), 'calm-dismiss-1');
    await start('calm-expire', spec(3), 'calm-expire-1');
    await runUntil('calm-dismiss-1', ['AwaitingApproval']);
    await runUntil('calm-expire-1', ['AwaitingApproval']);

    const dismissed = await a.gate.decide(proposalIdOf('calm-dismiss-1', 'fix'), 'dismiss', {
      id: 'UA1',
      userGroups: [],
    });
    expect(dismissed.type).toBe('dismissed');
    const run = await runUntil('calm-dismiss-1', ['Succeeded', 'Failed']);
    expect(run.status?.message).toMatch(/dismissed by UA1; nothing was run/);
    expect(run.status?.steps?.[0]?.phase).toBe('Cancelled');
    expect(run.status?.approvals?.[0]).toMatchObject({ decision: 'Dismissed', decidedBy: ['UA1'] });

    // Time passes: the proposal's expiresAt is behind us when the sweep looks.
    const id = proposalIdOf('calm-expire-1', 'fix');
    const store = createRedisProposalStore(connection(), redis.prefix);
    await store.update(id, (r) => ({
      next: { ...r, expiresAt: new Date(Date.now() - 1_000).toISOString() },
      value: undefined,
    }));
    await store.close();
    await b.worker?.sweep();
    const expired = await runUntil('calm-expire-1', ['Succeeded', 'Failed']);
    expect(expired.status?.message).toMatch(/expired at .* without a decision; nothing was run/);
    expect(expired.status?.approvals?.[0]).toMatchObject({ decision: 'Expired' });
    const late = await a.gate.decide(id, 'approve', { id: 'UA1', userGroups: [] });
    expect(late).toMatchObject({ type: 'rejected', reason: 'expired' });
    expect(
      (await k.apps.readNamespacedDeployment({ name: 'calm', namespace: ns })).spec?.replicas,
    ).toBe(1);
    expect(await eventReasons('calm')).toEqual(
      expect.arrayContaining(['RemediationDismissed', 'RemediationExpired']),
    );
  });

  it('a proposal the policy refuses never becomes executable; the run fails with the reason', async () => {
    await start(
      'touch-operator',
      {
        approvalPolicy: { required: 0 },
        steps: [
          {
            name: 'fix',
            type: 'remediate',
            action: 'rollout_restart',
            params: { target: 'Deployment/punchingfist-system/operator' },
          },
        ],
      },
      'touch-operator-1',
    );
    const run = await runUntil('touch-operator-1', ['Failed', 'Succeeded', 'AwaitingApproval']);
    expect(run.status?.phase).toBe('Failed');
    expect(run.status?.message).toMatch(/namespace punchingfist-system is protected/);
    const id = proposalIdOf('touch-operator-1', 'fix');
    expect(await a.gate.get(id)).toMatchObject({ state: 'Refused', policy: { allowed: false } });
    const tried = await a.gate.decide(id, 'approve', { id: 'UA1', userGroups: [] });
    expect(tried).toMatchObject({ type: 'rejected', reason: 'refused-by-policy' });
  });
});
