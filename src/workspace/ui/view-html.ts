// What the page shows for a channel (top-level messages with thread summaries) and for an
// open thread (parent and replies), including the chosen person's ephemeral messages.
import type { ChannelRecord, EphemeralMessage, StoredMessage } from '../workspace-types.ts';
import { escapeHtml } from './html.ts';
import { messageHtml, type RenderContext, type Shown } from './message-html.ts';

export interface ViewRequest {
  channel: ChannelRecord;
  /** The open thread's parent ts, if one is open. */
  thread?: string;
  /** The person looking: their ephemeral messages are shown. */
  user: string;
}

export interface View {
  version: number;
  channelHtml: string;
  threadHtml: string;
}

function byTs(a: Shown, b: Shown): number {
  return a.message.ts.localeCompare(b.message.ts);
}

function ephemeralsFor(ctx: RenderContext, req: ViewRequest, threadTs?: string): Shown[] {
  return ctx.workspace
    .ephemerals(req.channel.id)
    .filter((m: EphemeralMessage) => m.user === req.user && m.threadTs === threadTs)
    .map((message) => ({ kind: 'ephemeral', message }));
}

function channelHtml(ctx: RenderContext, req: ViewRequest): string {
  const all = ctx.workspace.messages(req.channel.id);
  const top: Shown[] = all
    .filter((m) => m.threadTs === undefined || m.replyBroadcast === true)
    .map((message) => ({
      kind: 'message',
      message,
      replies: all.filter((reply: StoredMessage) => reply.threadTs === message.ts),
    }));
  const shown = [...top, ...ephemeralsFor(ctx, req)].sort(byTs);
  if (shown.length === 0) {
    return `<p class="empty">No messages in #${escapeHtml(req.channel.name)} yet.</p>`;
  }
  return shown.map((item) => messageHtml(item, ctx)).join('');
}

function threadHtml(ctx: RenderContext, req: ViewRequest): string {
  if (req.thread === undefined) return '';
  const { parent, replies } = ctx.workspace.thread(req.channel.id, req.thread);
  if (parent === undefined) return '<p class="empty">This thread no longer exists.</p>';
  const shown: Shown[] = [
    ...replies.map((message): Shown => ({ kind: 'message', message })),
    ...ephemeralsFor(ctx, req, req.thread),
  ].sort(byTs);
  const count = `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`;
  return [
    messageHtml({ kind: 'message', message: parent }, ctx),
    `<div class="thread-count">${count}</div>`,
    ...shown.map((item) => messageHtml(item, ctx)),
  ].join('');
}

export function renderView(ctx: RenderContext, req: ViewRequest): View {
  return {
    version: ctx.workspace.version(),
    channelHtml: channelHtml(ctx, req),
    threadHtml: threadHtml(ctx, req),
  };
}
