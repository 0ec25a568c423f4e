import { WebClient } from '@slack/web-api';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kubeActionExecutor } from '../../src/adapters/kube/actions/kube-action-executor.ts';
import { createKubeEventRecorder } from '../../src/adapters/kube/kube-event-recorder.ts';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import {
  actionsQueueName,
  createBullmqActionQueue,
} from '../../src/adapters/redis/bullmq-action-queue.ts';
import { createBullmqRunQueue } from '../../src/adapters/redis/bullmq-run-queue.ts';
import { createBullmqRunResumer } from '../../src/adapters/redis/bullmq-run-resumer.ts';
import { createRedisProposalStore } from '../../src/adapters/redis/proposal-store.ts';
import { proposalBlocks, proposalText } from '../../src/adapters/slack/views/proposal-blocks.ts';
import { createRemediationAudit } from '../../src/app/remediation/remediation-audit.ts';
import { createRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import { createApprovalGate } from '../../src/core/remediation/approval-gate.ts';
import { approversFor } from '../../src/core/remediation/decide.ts';
import type { ApprovalGate, ProposalRecord } from '../../src/core/remediation/proposal.ts';
import { noRunEvents } from '../../src/core/run-events.ts';
import {
  createSlackFake,
  SAMPLE,
  type SlackFake,
  STALE_BY_SIX_MINUTES,
  sampleWorkspace,
} from '../fakes/slack/index.ts';
import { app } from '../support/investigation.ts';
import { testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { type SlackBotHarness, startSlackBot } from '../support/slack-bot.ts';

/**
 * The approval matrix through the Slack fake (signed block_actions), the
 * real approval gate over the Redis proposal store, the BullMQ actions
 * queue and the real API server (dry runs): only an allowed approver's
 * first click runs anything, once; every other click is told why nothing
 * happened, and the proposal message shows who decided.
 */
const env = inject('testenv');
const carol = 'U0CAROL003';
const { k, ns } = testNamespace(env.KUBECONFIG, 'slack-approvals');
let redis: ReturnType<typeof testRedis>;
let fake: SlackFake;
let bot: SlackBotHarness;
let gate: ApprovalGate;
let store: ReturnType<typeof createRedisProposalStore>;
let actions: ReturnType<typeof createBullmqActionQueue>;
let resumer: ReturnType<typeof createBullmqRunResumer>;
let runQueue: ReturnType<typeof createBullmqRunQueue>;
let actionJobs: Queue;
let client: WebClient;
let seq = 0;

beforeAll(async () => {
  await k.apps.createNamespacedDeployment({ namespace: ns, body: app('checkout') });
  redis = testRedis(env.REDIS_URL, 'slack-approvals');
  fake = await createSlackFake(
    sampleWorkspace({
      users: [
        { id: SAMPLE.alice, name: 'alice' },
        { id: SAMPLE.bob, name: 'bob' },
        { id: carol, name: 'carol' },
      ],
    }),
  );
  client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl });
  store = createRedisProposalStore(redis.redis, redis.prefix);
  actions = createBullmqActionQueue(redis.redis, redis.prefix);
  resumer = createBullmqRunResumer(redis.redis, redis.prefix);
  runQueue = createBullmqRunQueue(redis.redis, redis.prefix);
  const runs = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
  gate = createApprovalGate({
    store,
    queue: actions,
    executor: kubeActionExecutor(k.kc, { clock: systemClock }),
    clock: systemClock,
    defaultApprovers: { users: [], userGroups: [] },
    audit: createRemediationAudit(runs, createKubeEventRecorder(k.core, systemClock)),
    events: noRunEvents,
    resumer,
    onError: () => undefined,
  });
  bot = await startSlackBot({
    fake,
    redis: redis.redis,
    prefix: redis.prefix,
    registry: createRegistry(),
    cluster: { get: async () => undefined },
    runs,
    clock: systemClock,
    gate,
  });
  actionJobs = new Queue(actionsQueueName, {
    connection: redis.redis,
    prefix: `${redis.prefix}bull`,
  });
});

afterAll(async () => {
  await bot?.close();
  await actionJobs?.close();
  await actions?.close();
  await resumer?.close();
  await runQueue?.close();
  await store?.close();
  await fake?.close();
  await redis?.cleanup();
});

/** A proposal in Redis and its message in #incidents, as the Slack sink posts it. */
async function propose(
  overrides: Partial<ProposalRecord> = {},
): Promise<{ id: string; ts: string }> {
  seq += 1;
  const id = `p-${seq}-${Date.now().toString(36)}`;
  const now = Date.now();
  const record: ProposalRecord = {
    id,
    run: { namespace: ns, name: `investigate-r${seq}`, workflow: 'investigate', step: 'fix' },
    action: 'rollout_restart',
    target: `Deployment/${ns}/checkout`,
    params: {},
    risk: 'low',
    requiredApprovals: 1,
    approvers: { users: [SAMPLE.alice], userGroups: [SAMPLE.oncall] },
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    state: 'Proposed',
    policy: { allowed: true, reasons: [] },
    approvals: [],
    ...overrides,
  };
  // The run the proposal belongs to is parked in the runs queue (a decision resumes it).
  await runQueue.enqueue({
    runId: record.run.name,
    event: {
      source: { namespace: ns, name: 'chatops', type: 'slack' },
      workflow: 'investigate',
      receivedAt: record.createdAt,
      status: 'firing',
      fingerprint: record.run.name,
      title: 'investigate checkout',
      labels: {},
      annotations: {},
      alerts: [],
    },
  });
  await store.create(record);
  const posted = await client.chat.postMessage({
    channel: SAMPLE.incidents,
    text: proposalText(record),
    blocks: proposalBlocks(record),
  });
  const ts = String(posted.ts);
  await gate.attachChat(id, { channel: SAMPLE.incidents, ts });
  return { id, ts };
}

function click(user: string, ts: string, actionId: string, tamper?: typeof STALE_BY_SIX_MINUTES) {
  return fake.deliver.blockAction({
    url: bot.url,
    user,
    channel: SAMPLE.incidents,
    messageTs: ts,
    actionId,
    ...(tamper === undefined ? {} : { tamper }),
  });
}

/** What the clicker was told (ephemeral, through the click's response_url). */
async function told(delivery: Promise<{ status: number; responseUrl: string }>): Promise<string> {
  const { status, responseUrl } = await delivery;
  expect(status).toBe(200);
  const response = await fake.waitForResponse((r) => r.url === responseUrl);
  expect(response.effect).toBe('ephemeral');
  return String((response.body as { text?: string }).text);
}

const jobsFor = async (id: string) => (await actionJobs.getJobs()).filter((j) => j.id === id);
const messageText = (ts: string) =>
  JSON.stringify(fake.state.message(SAMPLE.incidents, ts)?.blocks ?? []);
const hasButtons = (ts: string) => messageText(ts).includes('proposal_approve');

async function waitForRedraw(ts: string, text: string): Promise<void> {
  await fake.waitForCall(
    (c) =>
      c.method === 'chat.update' &&
      c.ok &&
      c.args.ts === ts &&
      JSON.stringify(c.args).includes(text),
  );
}

describe('proposal buttons', () => {
  it('an allowed approver (via user group) approves once: the action is enqueued once, the message shows who and when', async () => {
    const { id, ts } = await propose();

    const clicked = await click(SAMPLE.bob, ts, 'proposal_approve');
    await waitForRedraw(ts, 'Approved by');

    expect(clicked.status).toBe(200);
    expect(await jobsFor(id)).toHaveLength(1);
    expect(messageText(ts)).toContain(`Approved by <@${SAMPLE.bob}>`);
    expect(hasButtons(ts)).toBe(false);
    expect((await gate.get(id))?.state).toBe('Approved');
  });

  it('a double click and a second approver at once run it once; the others are told it is decided', async () => {
    const { id, ts } = await propose();

    const clicks = [
      click(SAMPLE.bob, ts, 'proposal_approve'),
      click(SAMPLE.bob, ts, 'proposal_approve'),
      click(SAMPLE.alice, ts, 'proposal_approve'),
    ];
    const results = await Promise.all(clicks);
    await waitForRedraw(ts, 'Approved by');
    const answers = await Promise.all(
      results.map((r) =>
        fake
          .waitForResponse((p) => p.url === r.responseUrl, 3_000)
          .then(
            (p) => String((p.body as { text?: string }).text),
            () => undefined,
          ),
      ),
    );

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await jobsFor(id)).toHaveLength(1);
    const refused = answers.filter((a): a is string => a !== undefined);
    expect(refused).toHaveLength(2);
    for (const a of refused) expect(a).toMatch(/already Approved|already approved/);
    expect((await gate.get(id))?.approvals).toHaveLength(1);
  });

  it('a non-approver is told so; nothing runs and the buttons stay', async () => {
    const { id, ts } = await propose();

    const answer = await told(click(carol, ts, 'proposal_approve'));

    expect(answer).toContain('you are not an approver of rollout_restart');
    expect(await jobsFor(id)).toEqual([]);
    expect(hasButtons(ts)).toBe(true);
    expect((await gate.get(id))?.state).toBe('Proposed');
  });

  it('a per-namespace rule: in its namespace only its group approves, not the global approver', async () => {
    const target = `Deployment/${ns}/checkout`;
    const policy = {
      users: [SAMPLE.alice],
      userGroups: [],
      namespaces: [{ namespaces: [`${ns.slice(0, 4)}*`], users: [], userGroups: [SAMPLE.oncall] }],
    };
    const { id, ts } = await propose({ target, approvers: approversFor(policy, target) });

    const answer = await told(click(SAMPLE.alice, ts, 'proposal_approve'));
    expect(answer).toContain('you are not an approver of rollout_restart');
    expect(await jobsFor(id)).toEqual([]);

    await click(SAMPLE.bob, ts, 'proposal_approve');
    await waitForRedraw(ts, 'Approved by');
    expect(await jobsFor(id)).toHaveLength(1);
    expect((await gate.get(id))?.decidedBy).toEqual([SAMPLE.bob]);
  });

  it('a click after expiry runs nothing and marks the message expired', async () => {
    const past = Date.now() - 60_000;
    const { id, ts } = await propose({
      createdAt: new Date(past - 3_600_000).toISOString(),
      expiresAt: new Date(past).toISOString(),
    });

    const answer = await told(click(SAMPLE.bob, ts, 'proposal_approve'));
    await waitForRedraw(ts, 'Expired');

    expect(answer).toContain('expired');
    expect(await jobsFor(id)).toEqual([]);
    expect(hasButtons(ts)).toBe(false);
  });

  it('a tampered button value is refused: not an id, or an id of nothing', async () => {
    const before = (await actionJobs.getJobs()).length;
    const button = (value: string) => ({
      type: 'actions' as const,
      block_id: 'proposal_actions',
      elements: [
        {
          type: 'button' as const,
          action_id: 'proposal_approve',
          value,
          text: { type: 'plain_text' as const, text: 'Approve' },
        },
      ],
    });
    const forged = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'forged',
      blocks: [button('{"action":"drain_node","target":"Node/node-1"}')],
    });
    const unknown = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'unknown',
      blocks: [button('p-does-not-exist')],
    });

    expect(await told(click(SAMPLE.bob, String(forged.ts), 'proposal_approve'))).toContain(
      'does not point at a proposal I know',
    );
    expect(await told(click(SAMPLE.bob, String(unknown.ts), 'proposal_approve'))).toContain(
      'There is no proposal `p-does-not-exist`',
    );
    expect(await actionJobs.getJobs()).toHaveLength(before);
  });

  it('a replayed (stale) or badly signed click gets 401 and changes nothing', async () => {
    const { id, ts } = await propose();
    const updates = fake.callsTo('chat.update').length;

    const replayed = await click(SAMPLE.bob, ts, 'proposal_approve', STALE_BY_SIX_MINUTES);
    const forged = await click(SAMPLE.bob, ts, 'proposal_approve', { badSignature: true });

    expect([replayed.status, forged.status]).toEqual([401, 401]);
    expect(await jobsFor(id)).toEqual([]);
    expect((await gate.get(id))?.state).toBe('Proposed');
    expect(fake.callsTo('chat.update')).toHaveLength(updates);
    expect(hasButtons(ts)).toBe(true);
  });

  it('two required approvers: the first is recorded, the same one again is refused, a second one runs it', async () => {
    const { id, ts } = await propose({
      requiredApprovals: 2,
      approvers: { users: [SAMPLE.alice, SAMPLE.bob], userGroups: [] },
    });

    expect(await told(click(SAMPLE.alice, ts, 'proposal_approve'))).toContain(
      '1 more approver needed',
    );
    await waitForRedraw(ts, 'Approvals 1/2');
    expect(await told(click(SAMPLE.alice, ts, 'proposal_approve'))).toContain(
      'a second, different approver is needed',
    );
    expect(await jobsFor(id)).toEqual([]);

    await click(SAMPLE.bob, ts, 'proposal_approve');
    await waitForRedraw(ts, 'Approved by');

    expect(await jobsFor(id)).toHaveLength(1);
    expect(messageText(ts)).toContain(`Approved by <@${SAMPLE.alice}> and <@${SAMPLE.bob}>`);
  });

  it('Dismiss by an approver runs nothing and shows who dismissed', async () => {
    const { id, ts } = await propose();

    const clicked = await click(SAMPLE.alice, ts, 'proposal_dismiss');
    await waitForRedraw(ts, 'Dismissed by');

    expect(clicked.status).toBe(200);
    expect(messageText(ts)).toContain(`Dismissed by <@${SAMPLE.alice}>`);
    expect(await jobsFor(id)).toEqual([]);
    expect((await gate.get(id))?.state).toBe('Dismissed');
  });

  it('Dry-run answers with the server-side dry run and changes nothing', async () => {
    const { id, ts } = await propose();

    const answer = await told(click(carol, ts, 'proposal_dry_run'));

    expect(answer).toContain('Dry run passed');
    expect(await jobsFor(id)).toEqual([]);
    expect((await gate.get(id))?.state).toBe('Proposed');
  });
});

describe('/punchingfist approve|deny', () => {
  async function slash(user: string, text: string): Promise<string> {
    const delivered = await fake.deliver.slashCommand({
      url: bot.url,
      command: '/punchingfist',
      text,
      user,
      channel: SAMPLE.incidents,
    });
    const response = await fake.waitForResponse((r) => r.url === delivered.responseUrl);
    return String((response.body as { text?: string }).text);
  }

  it('approves through the same gate, and redraws the proposal message', async () => {
    const { id, ts } = await propose();

    expect(await slash(carol, `approve ${id}`)).toContain('you are not an approver');
    expect(await slash(SAMPLE.bob, `approve ${id}`)).toContain('approved by');
    await waitForRedraw(ts, 'Approved by');
    expect(await slash(SAMPLE.alice, `deny ${id}`)).toContain('already Approved');

    expect(await jobsFor(id)).toHaveLength(1);
  });

  it('deny dismisses; an unknown id is explained', async () => {
    const { id, ts } = await propose();

    expect(await slash(SAMPLE.alice, `deny ${id}`)).toContain('dismissed by');
    await waitForRedraw(ts, 'Dismissed by');
    expect(await slash(SAMPLE.alice, 'approve p-nope')).toContain('There is no proposal `p-nope`');
    expect(await jobsFor(id)).toEqual([]);
  });
});
