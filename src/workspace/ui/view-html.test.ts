import { describe, expect, it } from 'vitest';
import { defaultWorkspace, WORKSPACE_PEOPLE } from '../default-workspace.ts';
import { createIdSource, createTsSource } from '../ids.ts';
import type { JsonObject } from '../json.ts';
import { resolveIdentity } from '../workspace-options.ts';
import { createWorkspace } from '../workspace-state.ts';
import { namesOf } from './message-html.ts';
import { renderView } from './view-html.ts';

const options = defaultWorkspace();
const identity = resolveIdentity(options);

function setup() {
  const now = () => Date.UTC(2026, 0, 5, 9, 30);
  const workspace = createWorkspace(
    {
      identity,
      users: options.users ?? [],
      channels: options.channels ?? [],
      usergroups: options.usergroups ?? [],
    },
    { now, ids: createIdSource(), nextTs: createTsSource(now) },
  );
  const ctx = { workspace, identity, names: namesOf(workspace) };
  // biome-ignore lint/style/noNonNullAssertion: seeded above
  const channel = workspace.channel('C0INCIDENT')!;
  const bot = { user: identity.bot.userId, botId: identity.bot.botId, channel: channel.id };
  return { workspace, ctx, channel, bot };
}

const OUR_TAGS = new Set(
  'a b i s code pre br blockquote span div article time button hr figure figcaption img ul ol li p'.split(
    ' ',
  ),
);
const OUR_ATTRIBUTES =
  /^(\s+(href|class|target|rel|src|alt|title|type|disabled|aria-hidden|data-[a-z-]+)(="[^"<>]*")?)*$/;

function onlyOurMarkup(html: string): boolean {
  return [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)].every(
    ([, tag = '', attributes = '']) =>
      OUR_TAGS.has(tag.toLowerCase()) && OUR_ATTRIBUTES.test(attributes),
  );
}

const EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>';

const evilBlocks: JsonObject[] = [
  { type: 'header', text: { type: 'plain_text', text: EVIL } },
  {
    type: 'section',
    text: { type: 'mrkdwn', text: EVIL },
    fields: [{ type: 'plain_text', text: EVIL }],
    accessory: { type: 'image', image_url: 'javascript:alert(1)', alt_text: EVIL },
  },
  { type: 'image', image_url: `https://x.test/a.png${EVIL}`, alt_text: EVIL },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: EVIL,
        style: `primary${EVIL}`,
        text: { type: 'plain_text', text: EVIL },
        confirm: {
          title: { type: 'plain_text', text: EVIL },
          text: { type: 'plain_text', text: EVIL },
        },
      },
    ],
  },
  {
    type: 'rich_text',
    elements: [
      {
        type: 'rich_text_section',
        elements: [
          { type: 'text', text: EVIL, style: { bold: true } },
          { type: 'link', url: 'javascript:alert(1)', text: EVIL },
          { type: 'user', user_id: EVIL },
        ],
      },
    ],
  },
  { type: EVIL },
];

describe('the page’s message lists', () => {
  it('renders hostile text in every block, attachment and file as text', () => {
    const { workspace, ctx, channel, bot } = setup();
    const file = workspace.addFile({
      filename: `${EVIL}.png`,
      title: EVIL,
      declaredLength: 3,
      altText: EVIL,
    });
    file.bytes = Buffer.from('abc');
    workspace.addMessage({
      ...bot,
      text: EVIL,
      blocks: evilBlocks,
      attachments: [
        {
          color: 'red;background:url(x)',
          title: EVIL,
          title_link: 'javascript:x',
          text: EVIL,
          pretext: EVIL,
          footer: EVIL,
          fields: [{ title: EVIL, value: EVIL }],
        },
      ],
      fileIds: [file.id],
    });
    workspace.addMessage({ channel: channel.id, user: WORKSPACE_PEOPLE.developer, text: EVIL });

    const view = renderView(ctx, { channel, user: WORKSPACE_PEOPLE.oncall });

    expect(onlyOurMarkup(view.channelHtml)).toBe(true);
    expect(view.channelHtml).not.toContain('javascript:');
    expect(view.channelHtml).not.toContain('data-color');
    expect(view.channelHtml).not.toMatch(/<(script|img src=x)/);
    expect(view.channelHtml).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('the markup check catches what an escaping bug would let through', () => {
    expect(onlyOurMarkup('<div class="x" onclick="y">')).toBe(false);
    expect(onlyOurMarkup('<script>')).toBe(false);
    expect(onlyOurMarkup('<button type="button" class="bk-button" data-ts="1.2" disabled>')).toBe(
      true,
    );
  });

  it('renders Block Kit as a person would see it', () => {
    const { workspace, ctx, channel, bot } = setup();
    workspace.addMessage({
      ...bot,
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'CrashLoopBackOff' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Root cause* bad rollout' },
          fields: [{ type: 'mrkdwn', text: '*Confidence*\n0.9' }],
        },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'run `r-1`' }] },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
            {
              type: 'button',
              action_id: 'dismiss',
              style: 'danger',
              text: { type: 'plain_text', text: 'Dismiss' },
            },
          ],
        },
      ],
      attachments: [{ color: 'danger', text: 'firing' }],
    });
    const html = renderView(ctx, { channel, user: WORKSPACE_PEOPLE.oncall }).channelHtml;

    expect(html).toContain('<div class="bk-header">CrashLoopBackOff</div>');
    expect(html).toContain('<b>Root cause</b> bad rollout');
    expect(html).toContain('<div class="bk-fields"><div><b>Confidence</b><br>0.9</div></div>');
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('<div class="bk-context"><span>run <code>r-1</code></span></div>');
    expect(html).toMatch(
      /<button type="button" class="bk-button bk-primary" data-action-id="approve" data-channel="C0INCIDENT" data-ts="\d+\.\d+">Approve<\/button>/,
    );
    expect(html).toContain('class="bk-button bk-danger" data-action-id="dismiss"');
    expect(html).toContain('<div class="attachment" data-color="#e01e5a">');
    expect(html).not.toContain('fallback');
  });

  it('shows a thread beside the channel, and ephemeral answers only to their person', () => {
    const { workspace, ctx, channel, bot } = setup();
    const parent = workspace.addMessage({ ...bot, text: 'alert fired' });
    workspace.addMessage({ ...bot, text: 'investigating', threadTs: parent.ts });
    const proposal = workspace.addMessage({ ...bot, text: 'proposal', threadTs: parent.ts });
    workspace.addEphemeral({
      channel: channel.id,
      user: WORKSPACE_PEOPLE.developer,
      text: 'not allowed',
      threadTs: parent.ts,
      via: 'response_url',
    });
    workspace.editMessage(proposal, { text: 'approved by dana' }, identity.bot.botId);

    const asDeveloper = renderView(ctx, {
      channel,
      user: WORKSPACE_PEOPLE.developer,
      thread: parent.ts,
    });
    const asOncall = renderView(ctx, { channel, user: WORKSPACE_PEOPLE.oncall, thread: parent.ts });

    expect(asDeveloper.channelHtml).toContain('2 replies</button>');
    expect(asDeveloper.channelHtml).not.toContain('investigating');
    expect(asDeveloper.threadHtml).toContain('investigating');
    expect(asDeveloper.threadHtml).toContain('approved by dana</div></div><');
    expect(asDeveloper.threadHtml).toContain('(edited)');
    expect(asDeveloper.threadHtml).toContain('not allowed');
    expect(asDeveloper.threadHtml).toContain('Only visible to you');
    expect(asOncall.threadHtml).not.toContain('not allowed');
    expect(asOncall.version).toBeGreaterThan(0);
  });
});
