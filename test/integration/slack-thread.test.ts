import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrometheusClient } from '../../src/adapters/prometheus/index.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createSlackChat } from '../../src/adapters/slack/slack-chat.ts';
import { slackClientOptions } from '../../src/adapters/slack/slack-client-options.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import type { SourceEvent } from '../../src/core/events/source-event.ts';
import { systemClock } from '../../src/core/ports.ts';
import type { RunQueue } from '../../src/core/queue.ts';
import type { ProposalRecord } from '../../src/core/remediation/proposal.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import type { RunEvent, RunEventSink } from '../../src/core/run-events.ts';
import { createGraphAttacher } from '../../src/sinks/slack/alert-graph-attacher.ts';
import { createAlertThreadNotifier } from '../../src/sinks/slack/alert-thread-notifier.ts';
import {
  createSlackThreadSink,
  type SlackThreadSink,
} from '../../src/sinks/slack/slack-thread-sink.ts';
import {
  type BoltHarness,
  createSlackFake,
  SAMPLE,
  type SlackFake,
  type StoredMessage,
  sampleWorkspace,
  startBoltApp,
} from '../fakes/slack/index.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { type IngestHarness, startIngest } from '../support/ingest.ts';
import { app, podWhere, waitingReason } from '../support/investigation.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { loadWorkflows, workerFor } from '../support/worker.ts';

/**
 * The Slack thread of a run, end to end: the real worker on the real API
 * server and Redis publishes run events; the thread sink posts through the
 * real WebClient to the Slack fake. Ingest (real HTTP, Redis dedup) tells
 * the alert threads of re-fires and resolutions.
 */
const env = inject('testenv');
const logger = pino({ level: 'silent' });
const { k, ns } = testNamespace(env.KUBECONFIG, 'slack-thread');
let redis: ReturnType<typeof testRedis>;
let fake: SlackFake;
let client: WebClient;
let registry: MutableRegistry;
let queue: RunQueue;
let harness: ReturnType<typeof workerFor>;
let ingest: IngestHarness;
let bolt: BoltHarness;
/** The sink the worker publishes to; replaced to simulate a restart. */
let sink: SlackThreadSink;
let notifier: ReturnType<typeof createAlertThreadNotifier>;

function newSink(): SlackThreadSink {
  const chat = createSlackChat(client);
  const prometheus = createPrometheusClient({ baseUrl: env.PROMETHEUS_URL ?? '' });
  return createSlackThreadSink({
    chat,
    onThreadOpened: createGraphAttacher({
      chat,
      graph: { prometheus, clock: systemClock },
      logger,
    }),
    redis: redis.redis,
    prefix: redis.prefix,
    registry,
    clock: systemClock,
    logger,
    throttleMs: 300,
  });
}

function newNotifier() {
  return createAlertThreadNotifier({
    chat: createSlackChat(client),
    redis: redis.redis,
    prefix: redis.prefix,
    clock: systemClock,
    logger,
  });
}

const events: RunEventSink = { publish: (e) => sink.publish(e) };
const alertsNotifier = {
  refired: (e: SourceEvent, n: number) => notifier.refired(e, n),
  resolved: (e: SourceEvent) => notifier.resolved(e),
};

function put(resource: unknown): void {
  const parsed = parseResource(resource);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  const r = parsed.resource;
  if (r.kind === 'Source') ingest.registry.put(r);
  else if (r.kind === 'Sink' || r.kind === 'Workflow') registry.put(r);
}

/** The bot's messages, without the file shares (the full evidence beside a cut report). */
const bot = (m: StoredMessage) => m.botId !== undefined && m.fileIds.length === 0;
const topLevel = () =>
  fake.state.messages(SAMPLE.incidents).filter((m) => m.threadTs === undefined);
const repliesTo = (ts: string) => fake.state.thread(SAMPLE.incidents, ts).replies;
const textOf = (m: StoredMessage) => JSON.stringify([m.text, m.blocks ?? [], m.attachments ?? []]);

async function runStopped(runId: string): Promise<void> {
  await eventually(`run ${runId} stopped`, async () => {
    const run = (await customResources(k, ns)
      .get('WorkflowRun', runId)
      .catch(() => undefined)) as { status?: { phase?: string } } | undefined;
    const phase = run?.status?.phase;
    return phase === 'Succeeded' || phase === 'Failed' ? phase : undefined;
  });
  await sink.close();
}

beforeAll(async () => {
  redis = testRedis(env.REDIS_URL, 'slack-thread');
  fake = await createSlackFake(sampleWorkspace());
  client = new WebClient(
    fake.botToken,
    slackClientOptions({ apiUrl: fake.apiUrl, logger, minTimeoutMs: 20 }),
  );
  registry = createRegistry();
  sink = newSink();
  notifier = newNotifier();
  queue = createBullmqRunQueue(redis.redis, redis.prefix);
  await customResources(k, ns).create(
    doc('Workflow', 'triage', {
      steps: [{ name: 'analyze', type: 'analyze' }],
      sinks: [{ sinkRef: { name: 'incidents' } }],
    }),
  );
  await loadWorkflows(k, ns, registry);
  put({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Sink',
    metadata: { name: 'incidents', namespace: ns },
    spec: { type: 'slack', target: { channel: SAMPLE.incidents } },
  });
  harness = workerFor(k, registry, { redisUrl: env.REDIS_URL, prefix: redis.prefix, events });
  ingest = await startIngest(
    redis.redis,
    redis.prefix,
    { read: async () => undefined },
    {
      alertThreads: alertsNotifier,
    },
  );
  put({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'am', namespace: ns },
    spec: { type: 'alertmanager', workflowRef: { name: 'triage' } },
  });
  // A mention starts a run that answers in the mention's thread (S1's listener does this in serve).
  bolt = await startBoltApp(fake, (a) =>
    a.event('app_mention', async ({ event }) => {
      const reply = { channel: event.channel, threadTs: event.ts };
      await queue.enqueue({
        runId: `mention-${event.ts.replace('.', '-')}`,
        event: chatEvent(reply),
      });
    }),
  );
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', { podLabels: { 'sim.punchingfist.io/fault': 'crashloop' } }),
  });
  await podWhere(k, ns, 'a crash-looping pod', (p) => waitingReason(p) === 'CrashLoopBackOff');
}, 120_000);

afterAll(async () => {
  await bolt?.stop();
  await harness?.close();
  await sink?.close();
  await ingest?.close();
  await queue?.close();
  await fake?.close();
  await redis?.cleanup();
});

function chatEvent(reply: { channel: string; threadTs: string }): SourceEvent {
  const now = new Date().toISOString();
  return {
    source: { namespace: ns, name: 'slack', type: 'slack' },
    workflow: 'triage',
    receivedAt: now,
    status: 'firing',
    fingerprint: `chat-${reply.threadTs}`,
    title: 'investigate deployment/checkout',
    labels: { namespace: ns, deployment: 'checkout' },
    annotations: {},
    alerts: [],
    inputs: { target: `deployment/checkout -n ${ns}` },
    requestedBy: SAMPLE.alice,
    reply,
  };
}

let group = 0;
function notification(status: 'firing' | 'resolved') {
  const endsAt = status === 'firing' ? '0001-01-01T00:00:00Z' : new Date().toISOString();
  const labels = {
    alertname: 'KubeDeploymentReplicasMismatch',
    namespace: ns,
    deployment: 'checkout',
    severity: 'critical',
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="KubeDeploymentReplicasMismatch",g="${group}"}`,
    truncatedAlerts: 0,
    status,
    receiver: 'punchingfist',
    groupLabels: { alertname: 'KubeDeploymentReplicasMismatch' },
    commonLabels: labels,
    commonAnnotations: { summary: 'checkout has fewer ready replicas than desired' },
    externalURL: 'http://alertmanager.test:9093',
    alerts: [
      {
        status,
        labels,
        annotations: { summary: 'checkout has fewer ready replicas than desired' },
        startsAt: '2026-11-22T07:00:00Z',
        endsAt,
        generatorURL: 'http://prometheus.test:9090/graph?g0.expr=up',
        fingerprint: `fp-checkout-${group}`,
      },
    ],
  };
}

async function deliverAlert(status: 'firing' | 'resolved') {
  const res = await fetch(`${ingest.url}/webhooks/${ns}/am`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(notification(status)),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a chat-triggered run', () => {
  it('answers in the mention’s thread: one progress message edited in place, then the report and the end', async () => {
    const mention = await fake.deliver.appMention({
      url: bolt.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: `investigate deployment/checkout -n ${ns}`,
    });
    await runStopped(`mention-${mention.ts.replace('.', '-')}`);
    const replies = repliesTo(mention.ts).filter(bot);
    const progress = replies.filter((m) => textOf(m).includes('analyze'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const [first] = replies;
    expect(first?.edits.length).toBeGreaterThan(0);
    expect(textOf(first as StoredMessage)).toContain('Succeeded');
    const reports = replies.filter((m) => textOf(m).includes('Investigation: '));
    expect(reports).toHaveLength(1);
    const blocks = reports[0]?.blocks as unknown as KnownBlock[] | undefined;
    expect(blocks?.[0]?.type).toBe('header');
    for (const m of replies)
      expect(limitProblems((m.blocks ?? []) as unknown as KnownBlock[])).toEqual([]);
    expect(textOf(reports[0] as StoredMessage)).toContain('CrashLoopBackOff');
    expect(
      replies.filter((m) => m.text.startsWith(':white_check_mark: Run finished')),
    ).toHaveLength(1);
    expect(replies).toHaveLength(3);
    // No new top-level message: the run lives in the mention's thread.
    expect(topLevel().filter(bot)).toHaveLength(0);
    expect(fake.callsTo('chat.update').length).toBeGreaterThan(0);
  }, 90_000);
});

describe('an alert group', () => {
  it('opens one thread; a repeat replies in it; resolved edits the parent; after a restart a re-fire lands in the old thread', async () => {
    group += 1;
    const before = topLevel().filter(bot).length;
    const first = await deliverAlert('firing');
    expect(first.status).toBe(202);
    const parent = await eventually('the alert thread', async () =>
      topLevel().filter(bot).length > before ? topLevel().filter(bot).at(-1) : undefined,
    );
    expect(parent.attachments?.[0]).toMatchObject({ color: '#d92d20' });
    expect(textOf(parent)).toContain('KubeDeploymentReplicasMismatch');
    expect(textOf(parent)).toContain('http://alertmanager.test:9093/#/alerts');
    expect(textOf(parent)).toContain('http://prometheus.test:9090/graph');
    await eventually('the run’s end in the thread', async () =>
      repliesTo(parent.ts).find((m) => m.text.includes('Run finished')),
    );
    // The alert's expression over the last hour, from the real Prometheus, as a PNG in the thread.
    const graph = fake.state
      .files()
      .find((f) => f.shares.some((share) => share.threadTs === parent.ts));
    expect(graph?.filename).toMatch(/\.png$/);
    expect(graph?.bytes?.subarray(1, 4).toString()).toBe('PNG');

    const repeat = await deliverAlert('firing');
    expect(repeat.body).toMatchObject({ deduplicated: true });
    await eventually('the re-fire reply', async () =>
      repliesTo(parent.ts).find((m) => m.text.includes('re-fired, occurrence 2')),
    );

    await deliverAlert('resolved');
    await eventually('the parent edited to resolved', async () =>
      fake.state.message(SAMPLE.incidents, parent.ts)?.text.startsWith('[RESOLVED]')
        ? true
        : undefined,
    );
    expect(fake.state.message(SAMPLE.incidents, parent.ts)?.attachments?.[0]).toMatchObject({
      color: '#12b76a',
    });

    // A restart: new sink and notifier instances, the same Redis.
    await sink.close();
    sink = newSink();
    notifier = newNotifier();
    const again = await deliverAlert('firing');
    expect(again.body).toMatchObject({ deduplicated: true });
    await eventually('the re-fire after the restart', async () =>
      repliesTo(parent.ts).find((m) => m.text.includes('re-fired, occurrence 3')),
    );
    expect(topLevel().filter(bot)).toHaveLength(before + 1);
    // Firing again after the resolution: the parent says so, with the count.
    const shown = fake.state.message(SAMPLE.incidents, parent.ts);
    expect(shown?.text.startsWith('[CRITICAL]')).toBe(true);
    expect(textOf(shown as StoredMessage)).toContain('fired 3×');
  }, 90_000);
});

describe('proposals in the thread', () => {
  it('posts a proposal once with buttons, then edits the same message as it is decided', async () => {
    const mention = await fake.deliver.message({
      user: SAMPLE.bob,
      channel: SAMPLE.incidents,
      text: 'rollback please',
      url: bolt.url,
    });
    const run = { namespace: ns, name: 'proposal-run', workflow: 'triage' };
    const reply = { channel: SAMPLE.incidents, threadTs: mention.ts };
    const at = new Date().toISOString();
    const record: ProposalRecord = {
      id: 'p-proposal-run-fix',
      run: { ...run, step: 'fix' },
      action: 'rollback',
      target: `Deployment/${ns}/checkout`,
      params: {},
      risk: 'medium',
      requiredApprovals: 1,
      approvers: { users: [SAMPLE.bob], userGroups: [] },
      createdAt: at,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      state: 'Proposed',
      policy: { allowed: true, reasons: [] },
      approvals: [],
    };
    const publishAll = async (list: RunEvent[]) => {
      for (const e of list) await sink.publish(e);
    };
    await publishAll([
      { type: 'run-started', run, event: chatEvent(reply), at },
      { type: 'proposal', run, proposal: record, at },
      { type: 'proposal', run, proposal: record, at },
    ]);
    const decided: ProposalRecord = {
      ...record,
      state: 'Succeeded',
      approvals: [{ by: SAMPLE.bob, at }],
      decidedBy: [SAMPLE.bob],
      decidedAt: at,
      outcome: { message: 'rolled back; 1/1 pods Ready', at },
    };
    await sink.publish({ type: 'proposal', run, proposal: decided, at });
    const proposals = repliesTo(mention.ts).filter((m) =>
      textOf(m).includes('Remediation: rollback'),
    );
    expect(proposals).toHaveLength(1);
    const message = proposals[0] as StoredMessage;
    expect(textOf(message)).toContain('rolled back; 1/1 pods Ready');
    expect(textOf(message)).not.toContain('proposal_approve');
    const firstVersion = JSON.stringify(message.edits[0]?.previous.blocks ?? []);
    expect(firstVersion).toContain('proposal_approve');
  });
});

/** Block Kit limits Slack enforces: 50 blocks, 3000 characters of section text, 150 of a header. */
function limitProblems(blocks: readonly KnownBlock[]): string[] {
  const problems = blocks.length > 50 ? [`${blocks.length} blocks`] : [];
  for (const b of blocks) {
    if (b.type === 'section' && (b.text?.text.length ?? 0) > 3000) problems.push('section text');
    if (b.type === 'header' && b.text.text.length > 150) problems.push('header text');
  }
  return problems;
}

describe('a long report', () => {
  it('fits Slack’s limits in the message and puts the full evidence in a file beside it', async () => {
    const mention = await fake.deliver.message({
      user: SAMPLE.bob,
      channel: SAMPLE.incidents,
      text: 'what happened?',
      url: bolt.url,
    });
    const run = { namespace: ns, name: 'long-report-run', workflow: 'triage' };
    const at = new Date().toISOString();
    const line = 'panic: connection refused to db.shop.svc:5432 '.repeat(40);
    const findings = Array.from({ length: 40 }, (_, i) => ({
      id: `CrashLoopBackOff:Pod/${ns}/checkout-${i}`,
      category: 'CrashLoopBackOff' as const,
      severity: 'high' as const,
      object: `Pod/${ns}/checkout-${i}`,
      summary: `checkout-${i} restarts`,
      evidence: [{ source: 'log' as const, object: `Pod/${ns}/checkout-${i}`, text: line }],
      affected: [],
      confidence: 0.8,
      action: null,
    }));
    const report = {
      target: `Deployment/${ns}/checkout`,
      summary: 'many pods crash',
      rootCause: 'the database is unreachable',
      confidence: 0.7,
      findings,
      proposals: [],
      partial: false,
      warnings: [],
      analyzer: 'deterministic' as const,
      durationMs: 1200,
    };
    const reply = { channel: SAMPLE.incidents, threadTs: mention.ts };
    await sink.publish({ type: 'run-started', run, event: chatEvent(reply), at });
    await sink.publish({ type: 'report', run, step: 'analyze', report, at });
    await sink.publish({ type: 'report', run, step: 'analyze', report, at });
    const reports = repliesTo(mention.ts).filter((m) => textOf(m).includes('Investigation: '));
    expect(reports).toHaveLength(1);
    expect(limitProblems((reports[0]?.blocks ?? []) as unknown as KnownBlock[])).toEqual([]);
    const files = fake.state
      .files()
      .filter((f) => f.shares.some((share) => share.threadTs === mention.ts));
    expect(files.map((f) => f.filename)).toEqual(['evidence-analyze.txt']);
    expect(files[0]?.bytes?.toString()).toContain(line);
  });
});

describe('a 429 storm', () => {
  it('loses and duplicates nothing when every third call is rate limited', async () => {
    fake.failEvery(3, { status: 429, retryAfterSeconds: 1 });
    try {
      const mention = await fake.deliver.appMention({
        url: bolt.url,
        user: SAMPLE.alice,
        channel: SAMPLE.incidents,
        text: `investigate deployment/checkout -n ${ns}`,
      });
      await runStopped(`mention-${mention.ts.replace('.', '-')}`);
      const replies = repliesTo(mention.ts).filter(bot);
      expect(replies.filter((m) => textOf(m).includes('Investigation: '))).toHaveLength(1);
      expect(replies.filter((m) => m.text.includes('Run finished'))).toHaveLength(1);
      expect(replies).toHaveLength(3);
      expect(textOf(replies[0] as StoredMessage)).toContain('Succeeded');
      expect(fake.calls.some((c) => c.status === 429)).toBe(true);
      const shared = fake.state
        .files()
        .filter((f) => f.shares.some((x) => x.threadTs === mention.ts));
      expect(shared).toHaveLength(1);
    } finally {
      fake.clearFaults();
    }
  }, 120_000);
});
