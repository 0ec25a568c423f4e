import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { ClusterPort } from '../ports.ts';
import type { RunJob } from '../queue.ts';
import { parseResource, type Source, type Workflow } from '../resources/index.ts';
import { type ChatRunDeps, startManualRun, startMentionRun } from './chat-runs.ts';
import { parseMention } from './mention-command.ts';

function resource<T>(kind: string, name: string, spec: unknown): T {
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'ops' },
    spec,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.resource as T;
}

const workflow = resource<Workflow>('Workflow', 'investigate', {
  inputs: [{ name: 'target', required: true }, { name: 'namespace' }, { name: 'kind' }],
  steps: [{ name: 'analyze', type: 'analyze' }],
});

const slackSource = (name: string, slack: unknown, extra: object = {}) =>
  resource<Source>('Source', name, {
    type: 'slack',
    workflowRef: { name: 'investigate' },
    slack,
    ...extra,
  });

const existing = new Set(['Deployment/shop/checkout']);

function world(sources: Source[], failGet?: AppError) {
  const jobs: RunJob[] = [];
  const cluster: Pick<ClusterPort, 'get'> = {
    get: async (kind, name, namespace) => {
      if (failGet !== undefined) throw failGet;
      return existing.has(`${kind}/${namespace ?? ''}/${name}`)
        ? ({ metadata: { name, namespace } } as never)
        : undefined;
    },
  };
  const deps: ChatRunDeps = {
    registry: {
      sources: () => sources,
      workflow: (ns, name) => (ns === 'ops' && name === 'investigate' ? workflow : undefined),
    },
    queue: { enqueue: async (job) => void jobs.push(job), close: async () => undefined },
    cluster,
    directory: {
      channelName: async (id) => (id === 'C0PLATFORM' ? 'platform' : undefined),
      memberGroups: async (user, groups) => (user === 'U0ONCALL1' ? groups : []),
    },
    clock: { now: () => new Date('2026-11-22T08:00:00Z') },
    random: () => 0.5,
  };
  return { deps, jobs };
}

const mention = (text: string) => {
  const command = parseMention(text);
  if (command.type !== 'investigate' && command.type !== 'ask') throw new Error(text);
  return command;
};
const request = { channel: 'C0PLATFORM', user: 'U0ALICE01', messageTs: '1763798400.000100' };

describe('startMentionRun', () => {
  it('enqueues one run of the Source Workflow with the target as inputs and labels', async () => {
    const { deps, jobs } = world([slackSource('slack', { channels: ['#platform'] })]);

    const result = await startMentionRun(deps, request, mention('investigate checkout -n shop'));

    expect(result).toMatchObject({ type: 'enqueued', subject: 'deployment/checkout in shop' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.runId).toBe(result.type === 'enqueued' ? result.runId : '');
    expect(jobs[0]?.event).toMatchObject({
      source: { namespace: 'ops', name: 'slack', type: 'slack' },
      workflow: 'investigate',
      inputs: { target: 'deployment/checkout', kind: 'Deployment', namespace: 'shop' },
      labels: { deployment: 'checkout', namespace: 'shop' },
      requestedBy: 'U0ALICE01',
      reply: { channel: 'C0PLATFORM', threadTs: '1763798400.000100' },
    });
  });

  it('names the run after the mention, so a redelivered mention is the same run', async () => {
    const { deps, jobs } = world([slackSource('slack', {})]);
    await startMentionRun(deps, request, mention('investigate deploy/checkout -n shop'));
    await startMentionRun(deps, request, mention('investigate deploy/checkout -n shop'));
    expect(new Set(jobs.map((j) => j.runId)).size).toBe(1);
  });

  it.each([
    [
      'a channel no Source lists',
      [slackSource('slack', { channels: ['C0ELSEWHER'] })],
      'no-source',
    ],
    ['a suspended Source', [slackSource('slack', {}, { suspend: true })], 'suspended'],
    ['a user not allowed', [slackSource('slack', { users: ['U0BOB0002'] })], 'not-allowed'],
  ])('refuses %s and enqueues nothing', async (_, sources, reason) => {
    const { deps, jobs } = world(sources);
    const result = await startMentionRun(
      deps,
      request,
      mention('investigate deploy/checkout -n shop'),
    );
    expect(result).toMatchObject({ type: 'refused', reason });
    expect(jobs).toEqual([]);
  });

  it("refuses once the Source's rate limit is spent, naming it", async () => {
    const { deps, jobs } = world([
      slackSource('slack', {}, { rateLimit: { eventsPerSecond: 1, burst: 1 } }),
    ]);
    let tokens = 1;
    const limited = {
      ...deps,
      limiter: {
        take: async (bucket: string, rate: number, burst: number) => {
          expect([bucket, rate, burst]).toEqual(['slack:ops/slack', 1, 1]);
          tokens -= 1;
          return { allowed: tokens >= 0 };
        },
      },
    };
    await startMentionRun(limited, request, mention('ask why?'));
    const second = await startMentionRun(limited, request, mention('ask again?'));
    expect(second).toMatchObject({
      type: 'refused',
      reason: 'rate-limited',
      message: expect.stringContaining('allows 1 a second'),
    });
    expect(jobs).toHaveLength(1);
  });

  it('lets a member of an allowed user group start runs', async () => {
    const { deps, jobs } = world([slackSource('slack', { userGroups: ['S0ONCALL1'] })]);
    await startMentionRun(deps, { ...request, user: 'U0ONCALL1' }, mention('ask why?'));
    expect(jobs).toHaveLength(1);
  });

  it('refuses an object the cluster does not hold, naming it', async () => {
    const { deps, jobs } = world([slackSource('slack', {})]);
    const result = await startMentionRun(deps, request, mention('investigate pod/ghost -n shop'));
    expect(result).toMatchObject({
      type: 'refused',
      reason: 'unknown-target',
      message: expect.stringContaining("I can't find pod/ghost in namespace `shop`"),
    });
    expect(jobs).toEqual([]);
  });

  it('explains a forbidden namespace', async () => {
    const { deps, jobs } = world(
      [slackSource('slack', {})],
      new AppError('forbidden', 'namespace kube-system is not allowed'),
    );
    const result = await startMentionRun(
      deps,
      request,
      mention('investigate pod/x -n kube-system'),
    );
    expect(result).toMatchObject({
      reason: 'cluster-error',
      message: expect.stringContaining('kube-system'),
    });
    expect(jobs).toEqual([]);
  });
});

describe('startManualRun', () => {
  it('enqueues a manual run with the given inputs', async () => {
    const { deps, jobs } = world([slackSource('slack', {})]);
    const result = await startManualRun(deps, request, 'investigate', { target: 'x' });
    expect(result).toMatchObject({ type: 'enqueued', workflow: 'investigate' });
    expect(jobs[0]?.event).toMatchObject({
      source: { type: 'manual' },
      inputs: { target: 'x' },
      requestedBy: 'U0ALICE01',
    });
  });

  it.each([
    ['an unknown Workflow', 'nope', { target: 'x' }, 'There is no Workflow `nope`'],
    ['an undeclared input', 'investigate', { target: 'x', colour: 'red' }, 'has no input `colour`'],
    ['a missing required input', 'investigate', {}, 'required input(s) not given: target'],
  ])('refuses %s', async (_, name, inputs, message) => {
    const { deps, jobs } = world([slackSource('slack', {})]);
    const result = await startManualRun(deps, request, name, inputs);
    expect(result).toMatchObject({ type: 'refused', message: expect.stringContaining(message) });
    expect(jobs).toEqual([]);
  });
});
