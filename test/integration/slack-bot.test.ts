import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createKubeRunStore } from '../../src/adapters/kube/kube-run-store.ts';
import { createStatusWriter } from '../../src/adapters/kube/status-writer.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import type { RunStore } from '../../src/core/run-store.ts';
import {
  createSlackFake,
  SAMPLE,
  type SlackFake,
  STALE_BY_SIX_MINUTES,
  sampleWorkspace,
} from '../fakes/slack/index.ts';
import { customResources, doc } from '../support/custom-resources.ts';
import { app } from '../support/investigation.ts';
import { eventually, testNamespace } from '../support/kube.ts';
import { testRedis } from '../support/redis.ts';
import { type SlackBotHarness, startSlackBot } from '../support/slack-bot.ts';
import { loadWorkflows, workerFor } from '../support/worker.ts';

/**
 * The bot in HTTP mode on our server, driven by the Slack fake with signed
 * deliveries: mentions enqueue one run on real Redis and answer in the
 * thread; refusals are ephemeral and enqueue nothing; the slash command
 * answers each subcommand through the response_url, listing WorkflowRuns
 * from the real API server.
 */
const env = inject('testenv');
const random = 'C0RANDOM01';
/** A channel whose Source allows one run and then about one every 100 s. */
const tight = 'C0TIGHT001';
const { k, ns } = testNamespace(env.KUBECONFIG, 'slack-bot');
let redis: ReturnType<typeof testRedis>;
let registry: MutableRegistry;
let store: RunStore;
let fake: SlackFake;
let bot: SlackBotHarness;

function putSource(name: string, spec: Record<string, unknown>): void {
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name, namespace: ns },
    spec: { type: 'slack', workflowRef: { name: 'investigate' }, ...spec },
  });
  if (!parsed.ok || parsed.resource.kind !== 'Source') throw new Error(JSON.stringify(parsed));
  registry.put(parsed.resource);
}

beforeAll(async () => {
  redis = testRedis(env.REDIS_URL, 'slack-bot');
  registry = createRegistry();
  store = createKubeRunStore(k.custom, createStatusWriter(k.custom), systemClock);
  await k.apps.createNamespacedDeployment({ namespace: ns, body: app('checkout') });
  const crs = customResources(k, ns);
  await crs.create(
    doc('Workflow', 'investigate', {
      description: 'Investigate what a person names in Slack',
      inputs: [
        { name: 'target', required: true },
        { name: 'namespace', default: 'default' },
        { name: 'kind' },
        { name: 'name' },
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
      ],
    }),
  );
  await crs.create(doc('Workflow', 'nightly', { steps: [{ name: 'analyze', type: 'analyze' }] }));
  await loadWorkflows(k, ns, registry);
  putSource('chatops', { slack: { channels: ['#incidents'] } });
  putSource('tight', {
    slack: { channels: [tight] },
    rateLimit: { eventsPerSecond: 0.01, burst: 1 },
  });
  fake = await createSlackFake(
    sampleWorkspace({
      channels: [
        { id: SAMPLE.incidents, name: 'incidents' },
        { id: random, name: 'random' },
        { id: tight, name: 'tight' },
      ],
    }),
  );
  bot = await startSlackBot({
    fake,
    redis: redis.redis,
    prefix: redis.prefix,
    registry,
    cluster: createKubeCluster(k.kc),
    runs: store,
    clock: systemClock,
  });
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
  await redis?.cleanup();
});

const ephemeralsFor = (channel: string, text: string) =>
  fake.state.ephemerals(channel).filter((e) => e.text.includes(text));

describe('mentions', () => {
  it('enqueues exactly one run and answers in the mention thread', async () => {
    const before = (await bot.jobs()).length;

    const delivered = await fake.deliver.appMention({
      url: bot.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: `investigate deployment checkout -n ${ns}`,
    });
    await fake.waitForCall((c) => c.method === 'chat.postMessage' && c.ok);

    expect(delivered.status).toBe(200);
    const { replies } = fake.state.thread(SAMPLE.incidents, delivered.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(
      /^On it: run `investigate-c0incident-[a-z0-9]+` \(investigate\)/,
    );
    expect(replies[0]?.text).toContain(`deployment/checkout in ${ns}`);
    const jobs = await bot.jobs();
    expect(jobs).toHaveLength(before + 1);
    const job = jobs.find((j) => j.event.reply?.threadTs === delivered.ts);
    expect(job?.event).toMatchObject({
      source: { namespace: ns, name: 'chatops', type: 'slack' },
      workflow: 'investigate',
      requestedBy: SAMPLE.alice,
      reply: { channel: SAMPLE.incidents, threadTs: delivered.ts },
      inputs: {
        target: 'deployment/checkout',
        kind: 'Deployment',
        name: 'checkout',
        namespace: ns,
      },
    });
  });

  it.each([
    [
      'an object the cluster does not hold',
      SAMPLE.incidents,
      'investigate pod/ghost -n NS',
      "I can't find pod/ghost in namespace",
    ],
    [
      'a channel no Source lists',
      random,
      'investigate deployment checkout -n NS',
      'This channel is not set up for punchingfist',
    ],
    ['an unknown verb', SAMPLE.incidents, 'reboot the cluster', 'I do not know "reboot"'],
  ])('answers %s ephemerally and enqueues nothing', async (_, channel, text, answer) => {
    const before = (await bot.jobs()).length;

    const delivered = await fake.deliver.appMention({
      url: bot.url,
      user: SAMPLE.alice,
      channel,
      text: text.replace('NS', ns),
    });
    await fake.waitForCall(
      (c) =>
        c.method === 'chat.postEphemeral' &&
        c.ok &&
        c.args.channel === channel &&
        String(c.args.text).includes(answer),
    );

    expect(delivered.status).toBe(200);
    expect(ephemeralsFor(channel, answer)).toMatchObject([{ user: SAMPLE.alice }]);
    expect(fake.state.thread(channel, delivered.ts).replies).toEqual([]);
    expect(await bot.jobs()).toHaveLength(before);
  });

  it("refuses a mention over the Source's rate limit, enqueueing nothing more", async () => {
    const before = (await bot.jobs()).length;
    const mention = (text: string) =>
      fake.deliver.appMention({ url: bot.url, user: SAMPLE.alice, channel: tight, text });

    const first = await mention('ask what changed?');
    await fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === tight,
    );
    await mention('ask and now?');
    await fake.waitForCall(
      (c) => c.method === 'chat.postEphemeral' && c.ok && c.args.channel === tight,
    );

    expect(fake.state.thread(tight, first.ts).replies).toHaveLength(1);
    expect(ephemeralsFor(tight, 'Too many runs are starting from here')).toHaveLength(1);
    expect(await bot.jobs()).toHaveLength(before + 1);
  });

  it('refuses a badly signed or replayed mention with 401, running nothing', async () => {
    const before = (await bot.jobs()).length;
    const calls = fake.calls.length;

    const forged = await fake.deliver.appMention({
      url: bot.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: `investigate deployment checkout -n ${ns}`,
      tamper: { badSignature: true },
    });
    const replayed = await fake.deliver.appMention({
      url: bot.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: `investigate deployment checkout -n ${ns}`,
      tamper: STALE_BY_SIX_MINUTES,
    });

    expect([forged.status, replayed.status]).toEqual([401, 401]);
    expect(await bot.jobs()).toHaveLength(before);
    expect(fake.calls.length).toBe(calls);
  });
});

async function slash(text: string, channel: string = SAMPLE.incidents) {
  const delivered = await fake.deliver.slashCommand({
    url: bot.url,
    command: '/punchingfist',
    text,
    user: SAMPLE.alice,
    channel,
  });
  expect(delivered.status).toBe(200);
  const response = await fake.waitForResponse((r) => r.url === delivered.responseUrl);
  return response.body as { response_type?: string; text?: string };
}

describe('/punchingfist', () => {
  it('help and a mistake explain the subcommands', async () => {
    expect((await slash('help')).text).toContain('/punchingfist run <workflow> [key=value ...]');
    const wrong = await slash('runs --status sleeping');
    expect(wrong).toMatchObject({ response_type: 'ephemeral' });
    expect(wrong.text).toContain('Unknown status "sleeping"');
  });

  it('workflows lists the registry with their inputs', async () => {
    const answer = await slash('workflows');
    expect(answer.text).toContain('`investigate`');
    expect(answer.text).toContain('inputs: `target* namespace=default kind name`');
    expect(answer.text).toContain('`nightly`');
  });

  it('run enqueues a manual run with validated inputs; bad inputs are explained', async () => {
    const before = (await bot.jobs()).length;
    const started = await slash(
      `run investigate target=deployment/checkout kind=Deployment name=checkout namespace=${ns}`,
    );
    expect(started.response_type).toBe('in_channel');
    expect(started.text).toMatch(/started run `investigate-[a-z0-9]+` of investigate/);
    const jobs = await bot.jobs();
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.filter((j) => j.event.source.type === 'manual')).toMatchObject([
      { event: { requestedBy: SAMPLE.alice, inputs: { target: 'deployment/checkout' } } },
    ]);

    const unknown = await slash('run investigate target=x colour=red');
    expect(unknown.text).toContain('Workflow investigate has no input `colour`');
    const missing = await slash('run investigate');
    expect(missing.text).toContain('required input(s) not given: target');
    const none = await slash('run nope');
    expect(none.text).toContain('There is no Workflow `nope`');
    expect(await bot.jobs()).toHaveLength(before + 1);
  });

  it('runs and status show the WorkflowRuns on the API server, with the inputs the mention gave', async () => {
    const worker = workerFor(k, registry, { redisUrl: env.REDIS_URL, prefix: redis.prefix });
    try {
      const finished = await eventually(
        'the mention run recorded',
        async () => {
          const runs = await store.list({ namespace: ns });
          const run = runs.find(
            (r) => r.spec.trigger.type === 'slack' && r.spec.inputs?.kind === 'Deployment',
          );
          return run?.status?.phase === 'Succeeded' ? run : undefined;
        },
        60_000,
        300,
      );
      expect(finished.spec.inputs).toMatchObject({ target: 'deployment/checkout', namespace: ns });
      expect(finished.spec.trigger.requestedBy).toBe(SAMPLE.alice);

      const listed = await slash('runs --limit 5');
      expect(listed.text).toContain(`\`${finished.metadata.name}\``);
      expect(listed.text).toContain('*Succeeded*');
      const succeeded = await slash('runs --status Succeeded');
      expect(succeeded.text).toContain(finished.metadata.name);

      const status = await slash(`status ${finished.metadata.name}`);
      expect(status.text).toContain(`*Run \`${finished.metadata.name}\`* of investigate`);
      expect(status.text).toContain('analyze (analyze): *Succeeded*');
      expect((await slash('status investigate-nope')).text).toContain('There is no run');
    } finally {
      await worker.close();
    }
  });

  it('approve without an approval gate says approvals are off', async () => {
    expect((await slash('approve p-1')).text).toContain('Approvals are not enabled');
  });
});
