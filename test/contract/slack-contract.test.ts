// Pins the Slack fake to recorded real payload shapes (test/fixtures/slack): what the fake
// answers the real WebClient, and what it delivers to an app, must match key for key.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSlackFake,
  diffShape,
  SAMPLE,
  type SlackFake,
  sampleWorkspace,
} from '../fakes/slack/index.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8'));
}

let fake: SlackFake;

beforeEach(async () => {
  fake = await createSlackFake(sampleWorkspace());
});

afterEach(async () => {
  await fake.close();
});

/** A real WebClient whose fetch keeps every JSON body the fake answered, untouched. */
function wireClient(token: string = SAMPLE.botToken): { client: WebClient; bodies: unknown[] } {
  const bodies: unknown[] = [];
  const client = new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    logLevel: LogLevel.ERROR,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (response.headers.get('content-type')?.startsWith('application/json')) {
        bodies.push(await response.clone().json());
      }
      return response;
    },
  });
  return { client, bodies };
}

async function postTs(client: WebClient, text: string, threadTs?: string): Promise<string> {
  const posted = await client.chat.postMessage({
    channel: SAMPLE.incidents,
    text,
    ...(threadTs !== undefined && { thread_ts: threadTs }),
  });
  return String(posted.ts);
}

describe('the shape comparison', () => {
  it('reports missing, unexpected and mistyped keys, and non-ts timestamps', () => {
    const recorded = {
      ok: true,
      ts: '1668717810.728689',
      message: { text: 'x', blocks: [{ type: 'a' }] },
    };
    const drifted = {
      ok: 'true',
      ts: '1668717810',
      message: { blocks: [{ type: 'a', extra: 1 }] },
      more: 1,
    };

    expect(diffShape(recorded, drifted)).toEqual([
      '$.more: unexpected',
      '$.ok: expected boolean, got string',
      '$.ts: expected a Slack ts, got "1668717810"',
      '$.message.text: missing',
      '$.message.blocks[0].extra: unexpected',
    ]);
    expect(diffShape(recorded, structuredClone(recorded))).toEqual([]);
  });
});

type WireCase = [fixture: string, call: (client: WebClient) => Promise<unknown>];

const webApiCases: WireCase[] = [
  ['web-api/auth-test.json', (client) => client.auth.test()],
  [
    'web-api/chat-post-message.json',
    (client) => postTs(client, 'Investigating pod/api-7f in prod'),
  ],
  [
    'web-api/chat-post-message-thread-reply.json',
    async (client) =>
      client.chat.postMessage({
        channel: SAMPLE.incidents,
        thread_ts: await postTs(client, 'alert'),
        text: 'Step 1: pod is OOMKilled',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Step 1:* pod is OOMKilled' } }],
      }),
  ],
  [
    'web-api/chat-update.json',
    async (client) =>
      client.chat.update({
        channel: SAMPLE.incidents,
        ts: await postTs(client, 'draft'),
        text: 'final',
      }),
  ],
  [
    'web-api/chat-post-ephemeral.json',
    (client) =>
      client.chat.postEphemeral({ channel: SAMPLE.incidents, user: SAMPLE.alice, text: 'psst' }),
  ],
  [
    'web-api/chat-get-permalink.json',
    async (client) =>
      client.chat.getPermalink({
        channel: SAMPLE.incidents,
        message_ts: await postTs(client, 'here'),
      }),
  ],
  ['web-api/users-info.json', (client) => client.users.info({ user: SAMPLE.alice })],
  [
    'web-api/usergroups-users-list.json',
    (client) => client.usergroups.users.list({ usergroup: SAMPLE.oncall }),
  ],
  [
    'web-api/conversations-info.json',
    (client) => client.conversations.info({ channel: SAMPLE.incidents }),
  ],
];

describe('Web API answers', () => {
  it.each(webApiCases)('%s', async (name, call) => {
    const { client, bodies } = wireClient();

    await call(client);

    expect(diffShape(fixture(name), bodies.at(-1))).toEqual([]);
  });

  it('web-api/files-*: the files.uploadV2 chain', async () => {
    const { client, bodies } = wireClient();

    await client.files.uploadV2({
      channel_id: SAMPLE.incidents,
      file: Buffer.from('graph'),
      filename: 'g.png',
    });

    expect(bodies).toHaveLength(2);
    expect(diffShape(fixture('web-api/files-get-upload-url-external.json'), bodies[0])).toEqual([]);
    expect(diffShape(fixture('web-api/files-complete-upload-external.json'), bodies[1])).toEqual(
      [],
    );
  });

  it('web-api/error-invalid-auth.json', async () => {
    const { client, bodies } = wireClient('xoxb-somebody-else');

    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });

    expect(diffShape(fixture('web-api/error-invalid-auth.json'), bodies.at(-1))).toEqual([]);
  });

  it('web-api/ratelimited.json: HTTP 429, Retry-After in whole seconds, ratelimited', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 30 });

    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SAMPLE.botToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ channel: SAMPLE.incidents, text: 'x' }).toString(),
    });
    const wire = {
      status: response.status,
      headers: { 'retry-after': response.headers.get('retry-after') },
      body: await response.json(),
    };

    expect(diffShape(fixture('web-api/ratelimited.json'), wire)).toEqual([]);
    expect(wire).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
  });
});

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for an app's Request URL: keeps each request, answers 200 like an ack. */
async function requestUrl(): Promise<{
  url: string;
  captured: Captured[];
  close: () => Promise<void>;
}> {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Checks the request the way Bolt does, then returns it. */
function signed(captured: Captured | undefined, contentType: string): Captured {
  if (captured === undefined) throw new Error('nothing was delivered');
  expect(captured.headers['content-type']).toBe(contentType);
  verifySlackRequest({
    signingSecret: fake.signingSecret,
    body: captured.body,
    headers: {
      'x-slack-signature': String(captured.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(captured.headers['x-slack-request-timestamp']),
    },
  });
  return captured;
}

describe('deliveries to the app', () => {
  it('events/app-mention.json: a signed JSON event_callback', async () => {
    const app = await requestUrl();
    await fake.deliver.appMention({
      url: app.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: 'status?',
    });
    await app.close();

    const { body } = signed(app.captured[0], 'application/json');
    expect(diffShape(fixture('events/app-mention.json'), JSON.parse(body))).toEqual([]);
  });

  it('events/message.json: a signed JSON event_callback', async () => {
    const app = await requestUrl();
    await fake.deliver.message({
      url: app.url,
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
      text: 'hi',
    });
    await app.close();

    const { body } = signed(app.captured[0], 'application/json');
    expect(diffShape(fixture('events/message.json'), JSON.parse(body))).toEqual([]);
  });

  it('events/url-verification.json', async () => {
    const app = await requestUrl();
    await fake.deliver.urlVerification({ url: app.url, challenge: 'c-3po' });
    await app.close();

    const { body } = signed(app.captured[0], 'application/json');
    expect(diffShape(fixture('events/url-verification.json'), JSON.parse(body))).toEqual([]);
  });

  it('commands/slash-command.json: signed form fields, in Slack order', async () => {
    const app = await requestUrl();
    await fake.deliver.slashCommand({
      url: app.url,
      command: '/punchingfist',
      text: 'runs --status failed',
      user: SAMPLE.alice,
      channel: SAMPLE.incidents,
    });
    await app.close();

    const { body } = signed(app.captured[0], 'application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(body));
    const recorded = fixture('commands/slash-command.json');
    expect(diffShape(recorded, fields)).toEqual([]);
    expect(Object.keys(fields)).toEqual(Object.keys(recorded as object));
  });

  it('interactivity/block-actions.json: a signed form with payload=<json>', async () => {
    const { client } = wireClient();
    const posted = await client.chat.postMessage({
      channel: SAMPLE.incidents,
      text: 'Proposal: restart deployment/api',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Proposal: restart `deployment/api`' },
          accessory: {
            type: 'button',
            action_id: 'approve',
            value: 'p1',
            text: { type: 'plain_text', text: 'Approve' },
          },
        },
      ],
    });
    const app = await requestUrl();
    await fake.deliver.blockAction({
      url: app.url,
      user: SAMPLE.bob,
      channel: SAMPLE.incidents,
      messageTs: String(posted.ts),
      actionId: 'approve',
    });
    await app.close();

    const { body } = signed(app.captured[0], 'application/x-www-form-urlencoded');
    const payload: unknown = JSON.parse(new URLSearchParams(body).get('payload') ?? 'null');
    expect(diffShape(fixture('interactivity/block-actions.json'), payload)).toEqual([]);
  });
});
