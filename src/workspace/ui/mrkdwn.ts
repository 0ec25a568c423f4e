// Slack's mrkdwn as HTML: <links|labels>, <@user>, <#channel>, <!here>, *bold*, _italic_,
// ~strike~, `code`, ```blocks```, > quotes, :emoji:. Every piece of text is escaped; the
// only markup in the result is what this file writes.
import { replaceEmoji } from './emoji.ts';
import { decodeSlackEntities, escapeHtml, safeUrl } from './html.ts';

export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
  usergroup(id: string): string | undefined;
}

const HOLE = '\u0000';

/** Markup built from `<...>` specials, kept out of the inline formatting pass. */
function special(inner: string, names: Names): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(names.user(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(names.channel(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    const handle = names.usergroup(id) ?? label?.replace(/^@/, '') ?? id;
    return `<span class="mention">@${escapeHtml(handle)}</span>`;
  }
  if (target.startsWith('!date^')) {
    // Formatted from the timestamp, in UTC; the fallback text only when it is unreadable.
    const seconds = Number(target.split('^')[1]);
    if (!Number.isFinite(seconds)) return escapeHtml(label ?? '');
    const when = new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
    return `<span class="date">${when} UTC</span>`;
  }
  if (target.startsWith('!')) {
    return `<span class="mention">@${escapeHtml(label ?? target.slice(1))}</span>`;
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return escapeHtml(`<${decodeSlackEntities(inner)}>`);
  const url = decodeSlackEntities(target);
  const text = label === undefined ? url : decodeSlackEntities(label);
  return `<a href="${safeUrl(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

function inline(escaped: string): string {
  return replaceEmoji(
    escaped
      .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,!?:;])/g, '$1<b>$2</b>')
      .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;])/g, '$1<i>$2</i>')
      .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,!?:;])/g, '$1<s>$2</s>'),
  );
}

function quoteLines(html: string): string {
  const out: string[] = [];
  for (const line of html.split('\n')) {
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (quoted) out.push(`<blockquote>${quoted[1] ?? ''}</blockquote>`);
    else out.push(`${line}<br>`);
  }
  return out
    .join('')
    .replace(/<br>$/, '')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
}

/** One stretch of text outside ``` blocks. */
function textRun(raw: string, names: Names): string {
  const holes: string[] = [];
  const hole = (html: string): string => {
    holes.push(html);
    return `${HOLE}${holes.length - 1}${HOLE}`;
  };
  // Code first: inside backticks, <...> is text, not a link or mention.
  const withCode = raw.replace(/`([^`\n]+)`/g, (_, code: string) =>
    hole(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  const withSpecials = withCode.replace(/<([^<>\n]+)>/g, (_, inner: string) =>
    hole(special(inner, names)),
  );
  const escaped = escapeHtml(decodeSlackEntities(withSpecials));
  const formatted = quoteLines(inline(escaped));
  return formatted.replace(
    new RegExp(`${HOLE}(\\d+)${HOLE}`, 'g'),
    (_, n: string) => holes[Number(n)] ?? '',
  );
}

export function mrkdwnToHtml(text: string, names: Names): string {
  const clean = text.replaceAll(HOLE, '');
  return clean
    .split(/```/)
    .map((part, index) =>
      index % 2 === 1
        ? `<pre>${escapeHtml(decodeSlackEntities(part.replace(/^\n/, '')))}</pre>`
        : textRun(part, names),
    )
    .join('');
}

/** plain_text: escaped, emoji names replaced when `emoji` is not false. */
export function plainToHtml(text: string, emojiOn = true): string {
  const escaped = escapeHtml(text).replace(/\n/g, '<br>');
  return emojiOn ? replaceEmoji(escaped) : escaped;
}
