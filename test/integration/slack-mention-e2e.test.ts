// Issue 6's acceptance for a mention, through the REAL bot: `punchingfist serve` (all roles,
// HTTP-mode bot) on the local workspace; a person's signed `@punchingfist investigate
// deployment/checkout -n <ns>` about a crash-looping Deployment in the cluster → one thread:
// the progress message posted once and edited in place, then a report naming the Deployment
// whose blocks Slack would accept. An unknown target gets an ephemeral answer, nothing queued.
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runsQueueName } from '../../src/adapters/redis/bullmq-run-queue.ts';
import type { RunJob } from '../../src/core/queue.ts';
import { type Running, serve } from '../../src/wiring/serve.ts';
import {
  defaultWorkspace,
  type RecordedCall,
  type RunningWorkspace,
  type StoredMessage,
  startWorkspace,
  WORKSPACE_PEOPLE,
} from '../../src/workspace/index.ts';
import { blockKitProblems } from '../support/block-kit-check.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { app, podWhere, waitingReason } from '../support/investigation.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';

const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'slack-e2e');
let channel: string;
let redis: ReturnType<typeof testRedis>;
let workspace: RunningWorkspace;
let running: Running;
let jobs: Queue<RunJob>;
let url: string;

async function applyConfig(): Promise<void> {
  const crs = customResources(k, ns);
  await crs.create(
    doc('Sink', 'reply-in-thread', { type: 'slack', target: { channel, threaded: true } }),
  );
  await crs.create(
    doc('Workflow', 'investigate', {
      runtime: { provider: 'none' },
      inputs: [
        { name: 'target', required: true },
        { name: 'namespace', default: 'default' },
      ],
      steps: [
        {
          name: 'analyze',
          type: 'analyze',
          target: {
            kind: '{{inputs.kind}}',
            name: '{{inputs.name}}',
            namespace: '{{inputs.namespace}}',
          },
        },
        {
          name: 'investigate',
          type: 'agent',
          goal: 'Explain what is wrong with {{inputs.target}}.',
        },
      ],
      sinks: [{ sinkRef: { name: 'reply-in-thread' } }],
    }),
  );
  await crs.create(
    doc('Source', 'slack', {
      type: 'slack',
      workflowRef: { name: 'investigate' },
      slack: { channels: [channel] },
    }),
  );
}

const bot = (m: StoredMessage) => m.botId !== undefined && m.fileIds.length === 0;
const textOf = (m: StoredMessage) => JSON.stringify([m.text, m.blocks ?? []]);
const markerOf = (call: RecordedCall): string =>
  String(
    (call.args.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key ??
      '',
  );
const postsIn = (thread: string) =>
  workspace.callsTo('chat.postMessage').filter((c) => c.ok && c.args.thread_ts === thread);

async function totalJobs(): Promise<number> {
  const counts = await jobs.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function runFinished(): Promise<string> {
  return eventually(
    'the mention’s WorkflowRun finished',
    async () => {
      const list = (await k.custom.listNamespacedCustomObject({
        group: 'punchingfist.io',
        version: 'v1alpha1',
        namespace: ns,
        plural: 'workflowruns',
      })) as { items: { status?: { phase?: string } }[] };
      const phase = list.items[0]?.status?.phase;
      return phase === 'Succeeded' || phase === 'Failed' ? phase : undefined;
    },
    120_000,
  );
}

beforeAll(async () => {
  channel = `C0E2E${ns.slice(-6).toUpperCase()}`;
  redis = testRedis(env.REDIS_URL, 'slack-e2e');
  workspace = await startWorkspace(
    defaultWorkspace({ channels: [{ id: channel, name: `e2e-${ns.slice(-6)}` }] }),
  );
  await applyConfig();
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', { podLabels: { 'sim.punchingfist.io/fault': 'crashloop' } }),
  });
  await podWhere(k, ns, 'a crash-looping pod', (p) => waitingReason(p) === 'CrashLoopBackOff');
  running = await serve(
    {
      KUBECONFIG: env.KUBECONFIG,
      REDIS_URL: env.REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_SIGNING_SECRET: workspace.signingSecret,
      SLACK_API_URL: workspace.apiUrl,
    },
    { role: 'all' },
  );
  url = `http://127.0.0.1:${running.port}/slack/events`;
  workspace.setBotUrl(url);
  jobs = new Queue<RunJob>(runsQueueName, {
    connection: redis.redis,
    prefix: `${redis.prefix}bull`,
  });
}, 120_000);

afterAll(async () => {
  await jobs?.close();
  await running?.stop();
  await workspace?.close();
  await redis?.cleanup();
});

describe('@punchingfist investigate through serve and the workspace', () => {
  it('answers in one thread: progress posted once and edited in place, then a valid report naming the Deployment', async () => {
    // The controller's informers must have seen the Source before the bot can route the channel.
    const mention = await eventually(
      'the mention accepted as a run',
      async () => {
        const before = workspace.callsTo('chat.postEphemeral').length;
        const delivered = await workspace.deliver.appMention({
          url,
          user: WORKSPACE_PEOPLE.developer,
          channel,
          text: `<@${workspace.identity.bot.userId}> investigate deployment/checkout -n ${ns}`,
        });
        expect(delivered.status).toBe(200);
        const answer = await workspace.waitForCall(
          (c) =>
            c.ok &&
            ((c.method === 'chat.postMessage' && c.args.thread_ts === delivered.ts) ||
              (c.method === 'chat.postEphemeral' && c.seq > before)),
        );
        return answer.method === 'chat.postMessage' ? delivered : undefined;
      },
      30_000,
    );
    expect(await runFinished()).toBe('Succeeded');
    await eventually('the run’s end in the thread', async () =>
      workspace.state
        .thread(channel, mention.ts)
        .replies.find((m) => m.text.includes('Run finished')),
    );

    // One thread: nothing of the bot's at the channel's top level.
    const messages = workspace.state.messages(channel);
    expect(messages.filter((m) => bot(m) && m.threadTs === undefined)).toHaveLength(0);
    const replies = workspace.state.thread(channel, mention.ts).replies.filter(bot);
    expect(replies.length).toBeGreaterThanOrEqual(4); // on it, progress, report(s), end

    // The progress message: posted once, then chat.update on the same ts.
    const progressPosts = postsIn(mention.ts).filter((c) => markerOf(c).includes('progress'));
    expect(progressPosts).toHaveLength(1);
    const progress = replies.find((m) => textOf(m).includes('analyze'));
    const updates = workspace
      .callsTo('chat.update')
      .filter((c) => c.ok && c.args.ts === progress?.ts);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(progress?.edits.length).toBe(updates.length);
    expect(textOf(progress as StoredMessage)).toContain('Succeeded');

    // Every message posted once (no slot twice), and the report names the Deployment.
    const markers = postsIn(mention.ts)
      .map(markerOf)
      .filter((m) => m !== '');
    expect(new Set(markers).size).toBe(markers.length);
    const reports = replies.filter((m) => textOf(m).includes('Investigation: '));
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(reports.some((m) => textOf(m).includes('checkout'))).toBe(true);
    expect(reports.some((m) => textOf(m).includes('CrashLoopBackOff'))).toBe(true);
    expect((reports[0]?.blocks as { type?: string }[] | undefined)?.[0]?.type).toBe('header');

    // Every block the bot sent (posts and edits) is Block Kit Slack accepts.
    const sent = workspace
      .callsTo('chat.postMessage')
      .concat(workspace.callsTo('chat.update'))
      .filter((c) => c.ok && Array.isArray(c.args.blocks));
    expect(sent.length).toBeGreaterThan(0);
    for (const call of sent) expect(blockKitProblems(call.args.blocks as unknown[])).toEqual([]);
  }, 180_000);

  it('answers an unknown target ephemerally and enqueues nothing', async () => {
    const queued = await totalJobs();
    const before = workspace.calls.length;
    const delivered = await workspace.deliver.appMention({
      url,
      user: WORKSPACE_PEOPLE.developer,
      channel,
      text: `<@${workspace.identity.bot.userId}> investigate deployment/no-such-app -n ${ns}`,
    });
    expect(delivered.status).toBe(200);
    await workspace.waitForCall((c) => c.seq > before && c.method === 'chat.postEphemeral' && c.ok);
    expect(workspace.state.ephemerals(channel).at(-1)).toMatchObject({
      user: WORKSPACE_PEOPLE.developer,
      text: expect.stringContaining("I can't find deployment/no-such-app"),
    });
    expect(await totalJobs()).toBe(queued);
    expect(workspace.state.thread(channel, delivered.ts).replies).toHaveLength(0);
    // serve's one WebClient counts Slack's errors (none here) on /metrics.
    const metrics = await (await fetch(`http://127.0.0.1:${running.port}/metrics`)).text();
    expect(metrics).toContain('# TYPE punchingfist_slack_api_errors_total counter');
  });
});
