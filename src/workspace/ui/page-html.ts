// The page shell: sidebar (team, who you are, channels, the bot's URL), the channel with
// its composer, and the thread pane. Message lists come from renderView.
import type { SeedUser } from '../workspace-options.ts';
import type { ChannelRecord } from '../workspace-types.ts';
import { escapeHtml } from './html.ts';
import type { View } from './view-html.ts';

export interface PageInput {
  teamName: string;
  botName: string;
  botUrl: string | undefined;
  channels: readonly ChannelRecord[];
  people: readonly SeedUser[];
  channel: ChannelRecord;
  thread: string | undefined;
  user: string;
  view: View;
}

function userOptions(input: PageInput): string {
  return input.people
    .map((person) => {
      const selected = person.id === input.user ? ' selected' : '';
      const label = person.realName ?? person.name;
      return `<option value="${escapeHtml(person.id)}"${selected}>${escapeHtml(label)}</option>`;
    })
    .join('');
}

function channelLinks(input: PageInput): string {
  return input.channels
    .filter((channel) => !channel.isArchived)
    .map((channel) => {
      const href = `/?channel=${encodeURIComponent(channel.id)}&amp;user=${encodeURIComponent(input.user)}`;
      const active = channel.id === input.channel.id ? ' active' : '';
      const lock = channel.isPrivate ? '&#x1f512;' : '#';
      return `<a class="channel-link${active}" href="${href}" data-channel-id="${escapeHtml(channel.id)}"><span class="hash">${lock}</span>${escapeHtml(channel.name)}</a>`;
    })
    .join('');
}

function botStatus(input: PageInput): string {
  return input.botUrl === undefined
    ? '<div class="bot-status muted">No bot connected (start with --bot-url)</div>'
    : `<div class="bot-status muted">Bot: <code>${escapeHtml(input.botUrl)}</code></div>`;
}

function composer(id: string, placeholder: string): string {
  return `<form id="${id}" class="composer"><textarea name="text" rows="2" placeholder="${escapeHtml(placeholder)}"></textarea><button type="submit" class="send">Send</button></form>`;
}

export function pageHtml(input: PageInput): string {
  const name = escapeHtml(input.channel.name);
  const thread = input.thread === undefined ? '' : escapeHtml(input.thread);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>#${name} · ${escapeHtml(input.teamName)}</title><link rel="stylesheet" href="/ui/workspace.css"></head>
<body data-channel="${escapeHtml(input.channel.id)}" data-thread="${thread}" data-user="${escapeHtml(input.user)}" data-version="${input.view.version}">
<div class="app${input.thread === undefined ? '' : ' with-thread'}">
<aside class="sidebar">
<div class="team">${escapeHtml(input.teamName)}</div>
<label class="you">You are <select id="user">${userOptions(input)}</select></label>
<nav class="channels"><div class="nav-title">Channels</div>${channelLinks(input)}</nav>
${botStatus(input)}
</aside>
<main class="channel-pane">
<header class="pane-header"><h1>#${name}</h1><span class="topic">${escapeHtml(input.channel.topic)}</span></header>
<div id="messages" class="messages">${input.view.channelHtml}</div>
${composer('composer', `Message #${input.channel.name} (@${input.botName} investigate …, /${input.botName} help)`)}
</main>
<section id="thread-pane" class="thread-pane"${input.thread === undefined ? ' hidden' : ''}>
<header class="pane-header"><h2>Thread</h2><span class="topic">#${name}</span><button type="button" id="close-thread" class="close" aria-label="Close thread">&times;</button></header>
<div id="thread" class="messages">${input.view.threadHtml}</div>
${composer('thread-composer', `Reply… (@${input.botName} …)`)}
</section>
</div>
<div id="toast" class="toast" role="status" hidden></div>
<script src="/ui/workspace.js"></script>
</body></html>
`;
}
