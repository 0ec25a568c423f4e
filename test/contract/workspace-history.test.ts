// conversations.history / conversations.replies through the real WebClient: how the bot
// finds a message it already posted (by its metadata marker) before posting again.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';

let fake: SlackFake;
let client: WebClient;

beforeEach(async () => {
  fake = await createSlackFake(sampleWorkspace());
  client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl });
});

afterEach(async () => {
  await fake.close();
});

const marker = (key: string) => ({ event_type: 'punchingfist_marker', event_payload: { key } });

describe('reading a channel back', () => {
  it('history lists top-level messages newest first, metadata only when asked', async () => {
    const first = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'one',
      metadata: marker('a'),
    });
    await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'reply',
      thread_ts: first.ts as string,
    });
    await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'two',
      metadata: marker('b'),
    });

    const plain = await client.conversations.history({ channel: SAMPLE.incidents });
    const full = await client.conversations.history({
      channel: SAMPLE.incidents,
      include_all_metadata: true,
    });
    const since = await client.conversations.history({
      channel: SAMPLE.incidents,
      oldest: first.ts as string,
    });

    expect(plain.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
    expect(full.messages?.map((m) => m.metadata?.event_payload)).toEqual([
      { key: 'b' },
      { key: 'a' },
    ]);
    expect(full.messages?.[1]).toMatchObject({ reply_count: 1, thread_ts: first.ts });
    expect(since.messages?.map((m) => m.text)).toEqual(['two']);
  });

  it('replies lists the parent then its replies; an unknown thread is thread_not_found', async () => {
    const parent = await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert' });
    const ts = parent.ts as string;
    await client.chat.postMessage({
      channel: SAMPLE.incidents,
      thread_ts: ts,
      text: 'r1',
      metadata: marker('step-1'),
    });
    await client.chat.postMessage({ channel: SAMPLE.incidents, thread_ts: ts, text: 'r2' });

    const thread = await client.conversations.replies({
      channel: SAMPLE.incidents,
      ts,
      include_all_metadata: true,
    });

    expect(thread.messages?.map((m) => m.text)).toEqual(['alert', 'r1', 'r2']);
    expect(thread.messages?.[1]?.metadata?.event_payload).toEqual({ key: 'step-1' });
    await expect(
      client.conversations.replies({ channel: SAMPLE.incidents, ts: '1.000001' }),
    ).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
    await expect(client.conversations.history({ channel: SAMPLE.lobby })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
  });
});
