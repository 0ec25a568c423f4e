// The real @slack/web-api WebClient against the Slack fake: messages, threads, edits,
// files, auth, and retries under rate limits and 5xx that neither lose nor duplicate.
import { ErrorCode, LogLevel, WebClient, WebClientEvent } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFake, SAMPLE, type SlackFake, sampleWorkspace } from '../fakes/slack/index.ts';

/** Retry at once: waiting is what Retry-After asks for, not client backoff. */
const QUICK_RETRIES = { retries: 5, factor: 1, minTimeout: 0, maxTimeout: 10 };

let fake: SlackFake;

function clientFor(token: string | undefined): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: QUICK_RETRIES,
    logLevel: LogLevel.ERROR,
  });
}

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}`);
  return value;
}

async function platformError(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    expect(error).toMatchObject({ code: ErrorCode.PlatformError });
    return (error as { data: { error: unknown } }).data.error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  fake = await createSlackFake(sampleWorkspace());
});

afterEach(async () => {
  await fake.close();
});

describe('messages', () => {
  it('edits a posted message in place', async () => {
    const client = clientFor(SAMPLE.botToken);
    const posted = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'Investigating…',
    });
    const ts = defined(posted.ts, 'a ts');

    const updated = await client.chat.update({
      channel: SAMPLE.incidents,
      ts,
      text: 'Root cause: OOMKilled',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Root cause:* OOMKilled' } }],
    });

    expect(updated.ts).toBe(ts);
    expect(updated.message?.edited?.ts).toMatch(/^\d+\.\d{6}$/);
    const messages = fake.state.messages(SAMPLE.incidents);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ts, text: 'Root cause: OOMKilled' });
    expect(messages[0]?.blocks?.[0]).toMatchObject({ type: 'section' });
    expect(messages[0]?.edits.map((edit) => edit.previous.text)).toEqual(['Investigating…']);
  });

  it('files replies under the thread parent, also when replying to a reply', async () => {
    const client = clientFor(SAMPLE.botToken);
    const parent = defined(
      (await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert' })).ts,
      'ts',
    );
    const first = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      thread_ts: parent,
      text: 'step 1',
    });
    await client.chat.postMessage({
      channel: SAMPLE.incidents,
      thread_ts: defined(first.ts, 'ts'),
      text: 'step 2',
    });

    expect(first.message).toMatchObject({
      thread_ts: parent,
      parent_user_id: fake.identity.bot.userId,
    });
    const { replies } = fake.state.thread(SAMPLE.incidents, parent);
    expect(replies.map((reply) => reply.text)).toEqual(['step 1', 'step 2']);
  });

  it('answers malformed or impossible requests the way Slack does, changing nothing', async () => {
    const client = clientFor(SAMPLE.botToken);
    const errors = [
      await platformError(client.apiCall('chat.postMessage', { text: 'no channel' })),
      await platformError(client.chat.postMessage({ channel: 'C0NOSUCH01', text: 'x' })),
      await platformError(client.chat.postMessage({ channel: SAMPLE.lobby, text: 'x' })),
      await platformError(client.apiCall('chat.postMessage', { channel: SAMPLE.incidents })),
      await platformError(
        client.apiCall('chat.postMessage', { channel: SAMPLE.incidents, blocks: '[{' }),
      ),
      await platformError(
        client.chat.update({ channel: SAMPLE.incidents, ts: '1.000001', text: 'x' }),
      ),
      await platformError(client.apiCall('files.getUploadURLExternal', { filename: 'a.png' })),
    ];

    expect(errors).toEqual([
      'channel_not_found',
      'channel_not_found',
      'not_in_channel',
      'no_text',
      'invalid_blocks_format',
      'message_not_found',
      'invalid_arguments',
    ]);
    expect(fake.state.messages()).toEqual([]);
  });

  it('accepts JSON bodies with a Bearer token, as Slack does', async () => {
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SAMPLE.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: SAMPLE.incidents, text: 'via json', unfurl_links: false }),
    });

    expect(await response.json()).toMatchObject({ ok: true, channel: SAMPLE.incidents });
    expect(fake.calls[0]).toMatchObject({ encoding: 'json', args: { unfurl_links: false } });
    expect(fake.state.messages().map((m) => m.text)).toEqual(['via json']);
  });
});

describe('authentication', () => {
  it('rejects an unknown token with invalid_auth and a missing one with not_authed', async () => {
    const wrong = await platformError(
      clientFor('xoxb-not-ours').chat.postMessage({ channel: SAMPLE.incidents, text: 'x' }),
    );
    const missing = await platformError(
      clientFor(undefined).chat.postMessage({ channel: SAMPLE.incidents, text: 'x' }),
    );

    expect([wrong, missing]).toEqual(['invalid_auth', 'not_authed']);
    expect(fake.calls.map((call) => call.token)).toEqual(['xoxb-not-ours', undefined]);
    expect(fake.state.messages()).toEqual([]);
  });

  it('tells the bot who it is', async () => {
    const me = await clientFor(SAMPLE.botToken).auth.test();

    expect(me).toMatchObject({
      ok: true,
      user_id: fake.identity.bot.userId,
      bot_id: fake.identity.bot.botId,
    });
    expect(me.response_metadata?.scopes).toContain('chat:write');
  });

  it('refuses a method the bot has no scope for', async () => {
    await fake.close();
    fake = await createSlackFake(sampleWorkspace({ scopes: ['chat:write'] }));

    const error = await platformError(
      clientFor(SAMPLE.botToken).usergroups.users.list({ usergroup: SAMPLE.oncall }),
    );

    expect(error).toBe('missing_scope');
  });
});

describe('retries', () => {
  it('honours a 429 Retry-After and posts the message exactly once', async () => {
    const client = clientFor(SAMPLE.botToken);
    const retryAfter: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => retryAfter.push(seconds));
    fake.failNext({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1 });

    await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert fired' });

    const attempts = fake.callsTo('chat.postMessage');
    expect(attempts.map((call) => [call.status, call.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
    expect(retryAfter).toEqual([1]);
    expect(
      defined(attempts[1], 'retry').at - defined(attempts[0], 'first').at,
    ).toBeGreaterThanOrEqual(1_000);
    expect(fake.state.messages(SAMPLE.incidents).map((m) => m.text)).toEqual(['alert fired']);
  });

  it('retries a 5xx and posts the message exactly once', async () => {
    const client = clientFor(SAMPLE.botToken);
    fake.failNext({ method: 'chat.postMessage', status: 503 });

    await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'resolved' });

    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([503, 200]);
    expect(fake.state.messages(SAMPLE.incidents).map((m) => m.text)).toEqual(['resolved']);
  });

  it('loses and duplicates nothing in a thread through a storm of 429s', async () => {
    const client = clientFor(SAMPLE.botToken);
    const parent = defined(
      (await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert' })).ts,
      'ts',
    );
    fake.failEvery(3, { method: 'chat.postMessage', status: 429, retryAfterSeconds: 0 });
    const steps = Array.from({ length: 20 }, (_, i) => `step ${i + 1}`);

    for (const text of steps) {
      await client.chat.postMessage({ channel: SAMPLE.incidents, thread_ts: parent, text });
    }

    const storm = fake.callsTo('chat.postMessage').slice(1);
    // Every third call fails, so 20 successes take 29 calls, 9 of them rate limited.
    expect(storm).toHaveLength(29);
    expect(storm.filter((call) => call.status === 429)).toHaveLength(9);
    expect(fake.state.thread(SAMPLE.incidents, parent).replies.map((r) => r.text)).toEqual(steps);
  });

  it('loses and duplicates nothing when the storm hits concurrent posts', async () => {
    const client = clientFor(SAMPLE.botToken);
    fake.failEvery(3, { method: 'chat.postMessage', status: 429, retryAfterSeconds: 0 });
    const texts = Array.from({ length: 20 }, (_, i) => `alert ${i + 1}`);

    await Promise.all(
      texts.map((text) => client.chat.postMessage({ channel: SAMPLE.incidents, text })),
    );

    const posted = fake.state.messages(SAMPLE.incidents).map((m) => m.text);
    expect(posted.toSorted()).toEqual(texts.toSorted());
    expect(fake.callsTo('chat.postMessage').filter((call) => call.injected)).toHaveLength(9);
  });
});

describe('files', () => {
  it('uploads with files.uploadV2 and shares the file into the thread', async () => {
    const client = clientFor(SAMPLE.botToken);
    const parent = defined(
      (await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert' })).ts,
      'ts',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

    const result = await client.files.uploadV2({
      channel_id: SAMPLE.incidents,
      thread_ts: parent,
      file: png,
      filename: 'cpu.png',
      title: 'CPU usage',
      initial_comment: 'node_cpu_seconds_total, last hour',
    });

    expect(result.ok).toBe(true);
    expect(fake.calls.map((call) => call.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const [file] = fake.state.files();
    expect(file).toMatchObject({
      filename: 'cpu.png',
      title: 'CPU usage',
      declaredLength: png.length,
      completed: true,
    });
    expect(file?.bytes?.equals(png)).toBe(true);
    const { replies } = fake.state.thread(SAMPLE.incidents, parent);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      text: 'node_cpu_seconds_total, last hour',
      fileIds: [file?.id],
    });
    expect(file?.shares).toEqual([
      { channel: SAMPLE.incidents, ts: replies[0]?.ts, threadTs: parent },
    ]);
  });
});

describe('the rest of the workspace', () => {
  it('reacts, posts ephemerals, links, and looks up users, groups and channels', async () => {
    const client = clientFor(SAMPLE.botToken);
    const ts = defined(
      (await client.chat.postMessage({ channel: SAMPLE.incidents, text: 'alert' })).ts,
      'ts',
    );

    await client.reactions.add({ channel: SAMPLE.incidents, timestamp: ts, name: 'eyes' });
    const again = await platformError(
      client.reactions.add({ channel: SAMPLE.incidents, timestamp: ts, name: 'eyes' }),
    );
    const ephemeral = await client.chat.postEphemeral({
      channel: SAMPLE.incidents,
      user: SAMPLE.alice,
      text: 'only you',
    });
    const link = await client.chat.getPermalink({ channel: SAMPLE.incidents, message_ts: ts });
    const user = await client.users.info({ user: SAMPLE.bob });
    const group = await client.usergroups.users.list({ usergroup: SAMPLE.oncall });
    const channel = await client.conversations.info({ channel: SAMPLE.lobby });

    expect(again).toBe('already_reacted');
    expect(fake.state.message(SAMPLE.incidents, ts)?.reactions).toEqual([
      { name: 'eyes', users: [fake.identity.bot.userId] },
    ]);
    expect(fake.state.ephemerals(SAMPLE.incidents)).toMatchObject([
      { user: SAMPLE.alice, text: 'only you', ts: ephemeral.message_ts },
    ]);
    expect(link.permalink).toBe(
      `https://punchingfist-test.slack.com/archives/${SAMPLE.incidents}/p${ts.replace('.', '')}`,
    );
    expect(user.user).toMatchObject({ id: SAMPLE.bob, name: 'bob', is_admin: true });
    expect(group.users).toEqual([SAMPLE.bob]);
    expect(channel.channel).toMatchObject({ id: SAMPLE.lobby, name: 'lobby', is_member: false });
  });
});
