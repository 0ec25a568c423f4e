// The Slack Sink's own fields, applied by the thread sink (real Redis, the real WebClient on
// the Slack fake): `threaded: false` posts the run's messages at the channel's top level,
// `template` renders the run's end message, `condition` (CEL over the finished run) decides
// whether the Sink hears of the run at all.
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSlackChat } from '../../src/adapters/slack/slack-chat.ts';
import { slackClientOptions } from '../../src/adapters/slack/slack-client-options.ts';
import { createCelEvaluator } from '../../src/app/run/index.ts';
import { createRegistry, type MutableRegistry } from '../../src/core/config-registry.ts';
import type { SourceEvent } from '../../src/core/events/source-event.ts';
import { systemClock } from '../../src/core/ports.ts';
import { parseResource } from '../../src/core/resources/index.ts';
import type { RunEvent } from '../../src/core/run-events.ts';
import {
  createSlackThreadSink,
  type SlackThreadSink,
} from '../../src/sinks/slack/slack-thread-sink.ts';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';
import { blockKitProblems } from '../support/block-kit-check.ts';
import { testRedis } from '../support/redis.ts';

const env = inject('testenv');
const logger = pino({ level: 'silent' });
const ns = 'shop';
const FAILURES = 'C0FAILURES';
let redis: ReturnType<typeof testRedis>;
let fake: SlackFake;
let registry: MutableRegistry;
let sink: SlackThreadSink;

function put(resource: object): void {
  const parsed = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    ...resource,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  const r = parsed.resource;
  if (r.kind === 'Sink' || r.kind === 'Workflow') registry.put(r);
}

beforeAll(async () => {
  redis = testRedis(env.REDIS_URL, 'slack-sink-fields');
  fake = await createSlackFake(
    sampleWorkspace({
      channels: [
        { id: SAMPLE.incidents, name: 'incidents', isMember: true },
        { id: FAILURES, name: 'failures', isMember: true },
      ],
    }),
  );
  const client = new WebClient(
    fake.botToken,
    slackClientOptions({ apiUrl: fake.apiUrl, logger, minTimeoutMs: 20 }),
  );
  registry = createRegistry();
  put({
    kind: 'Sink',
    metadata: { name: 'channel-top', namespace: ns },
    spec: {
      type: 'slack',
      target: { channel: SAMPLE.incidents, threaded: false },
      template: '*{{run.workflow}}* finished {{phase}}: {{event.title}}',
    },
  });
  put({
    kind: 'Sink',
    metadata: { name: 'failures-only', namespace: ns },
    spec: {
      type: 'slack',
      target: { channel: FAILURES },
      condition: "phase == 'Failed'",
      template: ':rotating_light: {{run.name}} failed: {{message}}',
    },
  });
  put({
    kind: 'Workflow',
    metadata: { name: 'triage', namespace: ns },
    spec: {
      steps: [{ name: 'analyze', type: 'analyze' }],
      sinks: [{ sinkRef: { name: 'channel-top' } }, { sinkRef: { name: 'failures-only' } }],
    },
  });
  sink = createSlackThreadSink({
    chat: createSlackChat(client),
    redis: redis.redis,
    prefix: redis.prefix,
    registry,
    clock: systemClock,
    logger,
    evaluator: createCelEvaluator(),
  });
});

afterAll(async () => {
  await sink?.close();
  await fake?.close();
  await redis?.cleanup();
});

function alertEvent(id: string): SourceEvent {
  return {
    source: { namespace: ns, name: 'am', type: 'alertmanager' },
    workflow: 'triage',
    receivedAt: new Date().toISOString(),
    status: 'firing',
    fingerprint: `fp-${id}`,
    title: `checkout is down (${id})`,
    labels: { alertname: 'CheckoutDown', namespace: ns, severity: 'critical' },
    annotations: {},
    alerts: [],
  };
}

async function runThrough(name: string, phase: 'Succeeded' | 'Failed', message: string) {
  const run = { namespace: ns, name, workflow: 'triage' };
  const event = alertEvent(name);
  const at = new Date().toISOString();
  const events: RunEvent[] = [
    { type: 'run-started', run, event, at },
    { type: 'step-started', run, step: 'analyze', stepType: 'analyze', attempt: 1, at },
    { type: 'run-finished', run, event, phase, message, at },
    // A resumed job publishes the end again: nothing new.
    { type: 'run-finished', run, event, phase, message, at },
  ];
  for (const e of events) await sink.publish(e);
  await sink.close();
}

const botMessages = (channel: string) =>
  fake.state.messages(channel).filter((m) => m.botId !== undefined);

describe('Slack Sink fields', () => {
  it('threaded: false → progress and the templated end at the top level; the condition keeps the other Sink quiet', async () => {
    await runThrough('run-ok', 'Succeeded', 'all good');

    const top = botMessages(SAMPLE.incidents);
    expect(top.every((m) => m.threadTs === undefined)).toBe(true);
    const ends = top.filter((m) => m.text.includes('finished'));
    expect(ends.map((m) => m.text)).toEqual([
      '*triage* finished Succeeded: checkout is down (run-ok)',
    ]);
    const progress = top.filter((m) => m.text !== ends[0]?.text);
    expect(progress).toHaveLength(1); // one progress message, edited in place
    expect(progress[0]?.edits.length).toBeGreaterThan(0);
    for (const m of top) expect(blockKitProblems(m.blocks ?? [])).toEqual([]);
    // failures-only's condition (phase == 'Failed') is false: not a word there.
    expect(botMessages(FAILURES)).toHaveLength(0);
  });

  it('a conditional Sink whose condition holds gets the run’s end only, rendered from its template, in the alert thread', async () => {
    await runThrough('run-bad', 'Failed', 'analyze step failed');

    const inFailures = botMessages(FAILURES);
    const parents = inFailures.filter((m) => m.threadTs === undefined);
    expect(parents).toHaveLength(1); // the alert group's thread
    expect(parents[0]?.text).toContain('checkout is down (run-bad)');
    const replies = fake.state.thread(FAILURES, parents[0]?.ts ?? '').replies;
    expect(replies.map((m) => m.text)).toEqual([
      ':rotating_light: run-bad failed: analyze step failed',
    ]);
    // The unconditional, unthreaded Sink got this run too, at the top level.
    expect(
      botMessages(SAMPLE.incidents).filter((m) => m.text.includes('finished Failed')),
    ).toHaveLength(1);
  });
});
