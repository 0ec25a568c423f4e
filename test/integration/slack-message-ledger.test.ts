import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSlackChat, type SlackChat } from '../../src/adapters/slack/slack-chat.ts';
import { slackClientOptions } from '../../src/adapters/slack/slack-client-options.ts';
import { systemClock } from '../../src/core/ports.ts';
import { createMessageLedger, type LedgerSlot } from '../../src/sinks/slack/message-ledger.ts';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';
import { testRedis } from '../support/redis.ts';

/**
 * Posting once, whatever crashes: the ledger (real Redis) and the Slack
 * fake, through the real WebClient. The marker in the message metadata is
 * how a message posted by a poster that died before recording is found.
 */
const env = inject('testenv');
const logger = pino({ level: 'silent' });
let redis: ReturnType<typeof testRedis>;
let fake: SlackFake;
let chat: SlackChat;
let thread: string;
let seq = 0;

beforeAll(async () => {
  redis = testRedis(env.REDIS_URL, 'slack-ledger');
  fake = await createSlackFake(sampleWorkspace());
  const client = new WebClient(
    fake.botToken,
    slackClientOptions({ apiUrl: fake.apiUrl, logger, retries: 1, minTimeoutMs: 10 }),
  );
  chat = createSlackChat(client);
  thread = (await chat.post(SAMPLE.incidents, { text: 'incident' }, { marker: 'parent' })).ts;
});

afterAll(async () => {
  await fake?.close();
  await redis?.cleanup();
});

function slot(): LedgerSlot & { marker: string } {
  seq += 1;
  return { key: `${redis.prefix}slack:run:ns/run-${seq}`, field: 'report', marker: `m-${seq}` };
}

function attempt(s: { marker: string }, text: string) {
  return {
    find: async () => {
      const ts = await chat.findMarked(SAMPLE.incidents, s.marker, { thread });
      return ts === undefined ? undefined : { channel: SAMPLE.incidents, ts };
    },
    post: () => chat.post(SAMPLE.incidents, { text }, { thread, marker: s.marker }),
  };
}

const posted = (text: string) =>
  fake.state.thread(SAMPLE.incidents, thread).replies.filter((m) => m.text === text);

describe('the message ledger', () => {
  it('finds the message a poster sent before dying, instead of posting it again', async () => {
    const s = slot();
    // The dead poster: claimed a minute ago, posted, never recorded.
    await redis.redis.hset(s.key, `${s.field}~claim`, `dead|${Date.now() - 60_000}`);
    const sent = await chat.post(
      SAMPLE.incidents,
      { text: 'crash-after-post' },
      { thread, marker: s.marker },
    );
    const ledger = createMessageLedger(redis.redis, systemClock, { staleMs: 5_000 });
    const result = await ledger.once(s, attempt(s, 'crash-after-post'));
    expect(result).toEqual({ message: { channel: SAMPLE.incidents, ts: sent.ts }, fresh: false });
    expect(posted('crash-after-post')).toHaveLength(1);
    expect(await ledger.get(s)).toEqual({ channel: SAMPLE.incidents, ts: sent.ts });
  });

  it('posts when the dead poster had not posted yet', async () => {
    const s = slot();
    await redis.redis.hset(s.key, `${s.field}~claim`, `dead|${Date.now() - 60_000}`);
    const ledger = createMessageLedger(redis.redis, systemClock, { staleMs: 5_000 });
    const result = await ledger.once(s, attempt(s, 'crash-before-post'));
    expect(result.fresh).toBe(true);
    expect(posted('crash-before-post')).toHaveLength(1);
  });

  it('posts once when two replicas try the same message at the same time', async () => {
    const s = slot();
    const a = createMessageLedger(redis.redis, systemClock);
    const b = createMessageLedger(redis.redis, systemClock, { pollMs: 20 });
    const [x, y] = await Promise.all([
      a.once(s, attempt(s, 'two-replicas')),
      b.once(s, attempt(s, 'two-replicas')),
    ]);
    expect(posted('two-replicas')).toHaveLength(1);
    expect(x.message).toEqual(y.message);
    expect([x.fresh, y.fresh].sort()).toEqual([false, true]);
  });

  it('after a post that failed for good, the retry looks in Slack first and posts once', async () => {
    const s = slot();
    const ledger = createMessageLedger(redis.redis, systemClock);
    fake.failNext({ method: 'chat.postMessage', status: 503 });
    fake.failNext({ method: 'chat.postMessage', status: 503 });
    await expect(ledger.once(s, attempt(s, 'after-outage'))).rejects.toThrow(/chat.postMessage/);
    expect(posted('after-outage')).toHaveLength(0);
    const retried = await ledger.once(s, attempt(s, 'after-outage'));
    expect(retried.fresh).toBe(true);
    expect(posted('after-outage')).toHaveLength(1);
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });
});
