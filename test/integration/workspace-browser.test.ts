// The local workspace in a real browser (Debian's chromium, headless, through
// playwright-core): a thread posted by a real Bolt app through @slack/web-api, clicked in
// the page; the click reaches the app as a signed block_actions, the app updates the
// message, and the page shows the update without a reload. Screenshots: test-results/.
import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultWorkspace,
  type RunningWorkspace,
  startWorkspace,
  WORKSPACE_PEOPLE,
} from '../../src/workspace/index.ts';
import { type BoltHarness, startBoltApp } from '../fakes/slack/index.ts';
import { artifact, launchChromium } from '../support/browser.ts';
import { bandedPng } from '../support/tiny-png.ts';

const INCIDENTS = 'C0INCIDENT';
const { oncall, developer } = WORKSPACE_PEOPLE;

let workspace: RunningWorkspace;
let bolt: BoltHarness;
let browser: Browser;
const clicks: BlockAction<ButtonAction>[] = [];
const mentions: string[] = [];

function proposalBlocks(): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'Proposed: roll back checkout' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Root cause:* the rollout to `checkout:v2` crash-loops.' },
      fields: [
        { type: 'mrkdwn', text: '*Action*\n`rollback` deployment/checkout' },
        { type: 'mrkdwn', text: '*Confidence*\n0.92' },
      ],
    },
    { type: 'divider' },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'proposal_approve',
          style: 'primary',
          value: 'prop-1',
          text: { type: 'plain_text', text: 'Approve' },
        },
        {
          type: 'button',
          action_id: 'proposal_dismiss',
          style: 'danger',
          value: 'prop-1',
          text: { type: 'plain_text', text: 'Dismiss' },
        },
      ],
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Expires in 30 min · run `triage-x1`' }],
    },
  ];
}

/** A small bot: approvers are @oncall's members; it updates the proposal when approved. */
function registerListeners(app: BoltHarness['app']): void {
  app.action<BlockAction<ButtonAction>>(
    'proposal_approve',
    async ({ ack, body, client, respond }) => {
      await ack();
      clicks.push(body);
      const group = await client.usergroups.users.list({ usergroup: WORKSPACE_PEOPLE.oncallGroup });
      if (!group.users?.includes(body.user.id)) {
        await respond({ response_type: 'ephemeral', text: 'You are not allowed to approve this.' });
        return;
      }
      const channel = body.container.channel_id as string;
      await client.chat.update({
        channel,
        ts: body.container.message_ts as string,
        text: 'Approved',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Rolled back checkout' } },
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `:white_check_mark: Approved by <@${body.user.id}>` },
          },
        ],
      });
    },
  );
  app.event('app_mention', async ({ event, say }) => {
    mentions.push(event.text);
    await say({
      thread_ts: event.thread_ts ?? event.ts,
      text: `On it: investigating ${event.user}`,
    });
  });
  app.command('/punchingfist', async ({ ack, command }) => {
    await ack(
      `Commands: workflows, runs, run, status, approve, deny, help (you typed "${command.text}")`,
    );
  });
}

async function postIncident(): Promise<string> {
  const client = bolt.app.client;
  const parent = await client.chat.postMessage({
    channel: INCIDENTS,
    text: 'KubePodCrashLooping: checkout',
    attachments: [
      {
        color: 'danger',
        title: 'KubePodCrashLooping',
        text: 'Pod shop/checkout-7f9 is restarting.\n<script>document.title="pwned"</script>',
        fields: [{ title: 'namespace', value: 'shop', short: true }],
      },
    ],
  });
  const threadTs = parent.ts as string;
  await client.files.uploadV2({
    channel_id: INCIDENTS,
    thread_ts: threadTs,
    filename: 'restarts.png',
    file: bandedPng(240, 90, [
      [46, 182, 125],
      [236, 178, 46],
      [224, 30, 90],
    ]),
    alt_text: 'restarts over the last hour',
  });
  await client.chat.postMessage({
    channel: INCIDENTS,
    thread_ts: threadTs,
    text: 'Proposed: roll back checkout',
    blocks: proposalBlocks(),
  });
  return threadTs;
}

async function openThread(as: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  await page.goto(`${workspace.url}?channel=${INCIDENTS}&user=${as}`);
  await page.locator('#messages .thread-link').first().click();
  await page.locator('#thread').getByRole('button', { name: 'Approve' }).waitFor();
  return page;
}

beforeAll(async () => {
  workspace = await startWorkspace(defaultWorkspace());
  bolt = await startBoltApp(workspace, registerListeners);
  workspace.setBotUrl(bolt.url);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bolt?.stop();
  await workspace?.close();
});

describe('the workspace page', () => {
  it('shows the thread; Approve reaches the bot signed and the page shows the update', async () => {
    const threadTs = await postIncident();

    // Someone who is not an approver clicks: only they see the bot's refusal.
    const page = await openThread(developer);
    await page.screenshot({ path: artifact('workspace-proposal.png') });
    expect(await page.locator('#thread img[alt="restarts over the last hour"]').count()).toBe(1);
    await page.locator('#thread').getByRole('button', { name: 'Approve' }).click();
    await page.getByText('You are not allowed to approve this.').waitFor();
    expect(clicks.at(-1)?.user.id).toBe(developer);

    // The on-call approver clicks: the bot updates the message in place.
    await page.selectOption('#user', oncall);
    await page.locator('#thread').getByRole('button', { name: 'Approve' }).click();
    await page.locator('#thread').getByText('Rolled back checkout').waitFor();
    await page.screenshot({ path: artifact('workspace-approved.png') });

    const click = clicks.at(-1);
    expect(click).toMatchObject({
      type: 'block_actions',
      user: { id: oncall },
      container: { type: 'message', channel_id: INCIDENTS, thread_ts: threadTs },
      actions: [{ action_id: 'proposal_approve', value: 'prop-1' }],
    });
    expect(click?.response_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\//);
    expect(await page.locator('#thread').getByText('Approved by @dana').isVisible()).toBe(true);
    expect(await page.locator('#thread').getByRole('button', { name: 'Approve' }).count()).toBe(0);
    // The refusal was the developer's alone.
    expect(await page.getByText('You are not allowed to approve this.').count()).toBe(0);
    // Untrusted text is shown, never run.
    expect(await page.title()).not.toBe('pwned');
    await page.close();
  });

  it('sends what a person types: a mention as a signed app_mention, a slash command', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(`${workspace.url}?channel=C0PLATFORM&user=${developer}`);
    await page.fill('#composer textarea', '@punchingfist investigate deployment/checkout -n shop');
    await page.press('#composer textarea', 'Enter');
    await page.locator('#messages .thread-link').first().click();
    await page.locator('#thread').getByText(`On it: investigating ${developer}`).waitFor();
    expect(mentions.at(-1)).toBe('<@U0PFBOT001> investigate deployment/checkout -n shop');

    await page.fill('#composer textarea', '/punchingfist help');
    await page.press('#composer textarea', 'Enter');
    await page.getByText('you typed "help"').waitFor();
    await page.screenshot({ path: artifact('workspace-composer.png') });
    await page.close();
  });
});
