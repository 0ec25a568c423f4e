// One message as the page shows it: avatar, author, time, content (blocks, else text as
// mrkdwn), attachments, files, reactions, "(edited)", and the thread summary.
import type { WorkspaceIdentity } from '../workspace-options.ts';
import type { EphemeralMessage, StoredMessage, WorkspaceView } from '../workspace-types.ts';
import { attachmentHtml } from './attachment-html.ts';
import { type ButtonContext, blocksHtml } from './block-kit-html.ts';
import { emoji } from './emoji.ts';
import { fileHtml } from './file-html.ts';
import { escapeHtml } from './html.ts';
import { mrkdwnToHtml, type Names } from './mrkdwn.ts';

export interface RenderContext {
  workspace: WorkspaceView;
  identity: WorkspaceIdentity;
  names: Names;
}

export type Shown =
  | { kind: 'message'; message: StoredMessage; replies?: StoredMessage[] }
  | { kind: 'ephemeral'; message: EphemeralMessage };

export function namesOf(workspace: WorkspaceView): Names {
  return {
    user: (id) => workspace.user(id)?.name,
    channel: (id) => workspace.channel(id)?.name,
    usergroup: (id) => workspace.usergroup(id)?.handle,
  };
}

/** HH:MM (UTC) of a Slack ts. */
export function timeOf(ts: string): string {
  const date = new Date(Math.floor(Number(ts)) * 1000);
  return date.toISOString().slice(11, 16);
}

function author(shown: Shown, ctx: RenderContext): { name: string; bot: boolean } {
  const { message } = shown;
  if (shown.kind === 'ephemeral' || shown.message.botId !== undefined) {
    return { name: ctx.identity.bot.name, bot: true };
  }
  const user = ctx.workspace.user(message.user);
  return { name: user?.realName ?? user?.name ?? message.user, bot: false };
}

function avatar(name: string, bot: boolean): string {
  const initial = escapeHtml((name.trim()[0] ?? '?').toUpperCase());
  const hue = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 6;
  return `<div class="avatar${bot ? ' avatar-bot' : ` avatar-${hue}`}" aria-hidden="true">${initial}</div>`;
}

function contentHtml(shown: Shown, ctx: RenderContext): string {
  const { message } = shown;
  const at: ButtonContext = {
    channel: message.channel,
    ts: message.ts,
    interactive: shown.kind === 'message',
  };
  const body =
    message.blocks && message.blocks.length > 0
      ? blocksHtml(message.blocks, ctx.names, at)
      : `<div class="text">${mrkdwnToHtml(message.text, ctx.names)}</div>`;
  const attachments = (message.attachments ?? [])
    .map((attachment) => attachmentHtml(attachment, ctx.names, at))
    .join('');
  const files =
    shown.kind === 'message'
      ? shown.message.fileIds
          .map((id) => ctx.workspace.file(id))
          .filter((file) => file !== undefined)
          .map(fileHtml)
          .join('')
      : '';
  return `${body}${attachments}${files}`;
}

function reactionsHtml(shown: Shown): string {
  if (shown.kind !== 'message' || shown.message.reactions.length === 0) return '';
  const items = shown.message.reactions.map(
    (r) =>
      `<span class="reaction">${escapeHtml(emoji(r.name) ?? `:${r.name}:`)} ${r.users.length}</span>`,
  );
  return `<div class="reactions">${items.join('')}</div>`;
}

function threadSummary(shown: Shown): string {
  if (shown.kind !== 'message' || !shown.replies || shown.replies.length === 0) return '';
  const count = shown.replies.length;
  const last = shown.replies.at(-1);
  const when =
    last === undefined ? '' : ` <span class="muted">last reply ${timeOf(last.ts)}</span>`;
  return `<button type="button" class="thread-link" data-thread="${escapeHtml(shown.message.ts)}">${count} ${count === 1 ? 'reply' : 'replies'}</button>${when}`;
}

function metaHtml(shown: Shown, ctx: RenderContext): string {
  const who = author(shown, ctx);
  const badge = who.bot ? '<span class="badge">APP</span>' : '';
  const edited =
    shown.kind === 'message' && shown.message.edited ? '<span class="muted">(edited)</span>' : '';
  const only = shown.kind === 'ephemeral' ? '<span class="muted">Only visible to you</span>' : '';
  return `<div class="meta"><span class="author">${escapeHtml(who.name)}</span>${badge}<time>${timeOf(shown.message.ts)}</time>${edited}${only}</div>`;
}

export function messageHtml(shown: Shown, ctx: RenderContext): string {
  const who = author(shown, ctx);
  const classes = `message${shown.kind === 'ephemeral' ? ' ephemeral' : ''}`;
  const ts = escapeHtml(shown.message.ts);
  return `<article class="${classes}" data-ts="${ts}">${avatar(who.name, who.bot)}<div class="message-main">${metaHtml(shown, ctx)}<div class="content">${contentHtml(shown, ctx)}</div>${reactionsHtml(shown)}${threadSummary(shown)}</div></article>`;
}
