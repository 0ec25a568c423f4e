// rich_text blocks (what people's messages and the bot's formatted text carry) as HTML.
import { isJsonObject, type JsonObject } from '../json.ts';
import { emoji } from './emoji.ts';
import { escapeHtml, safeUrl } from './html.ts';
import type { Names } from './mrkdwn.ts';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function children(node: JsonObject): JsonObject[] {
  return Array.isArray(node.elements) ? node.elements.filter(isJsonObject) : [];
}

function styled(html: string, style: unknown): string {
  if (!isJsonObject(style)) return html;
  let out = html;
  if (style.code === true) out = `<code>${out}</code>`;
  if (style.bold === true) out = `<b>${out}</b>`;
  if (style.italic === true) out = `<i>${out}</i>`;
  if (style.strike === true) out = `<s>${out}</s>`;
  return out;
}

function mention(prefix: string, name: string): string {
  return `<span class="mention">${prefix}${escapeHtml(name)}</span>`;
}

function inlineElement(element: JsonObject, names: Names): string {
  switch (element.type) {
    case 'text':
      return styled(escapeHtml(str(element.text)).replace(/\n/g, '<br>'), element.style);
    case 'link': {
      const url = str(element.url);
      const label = escapeHtml(str(element.text) || url);
      return styled(
        `<a href="${safeUrl(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`,
        element.style,
      );
    }
    case 'user':
      return mention('@', names.user(str(element.user_id)) ?? str(element.user_id));
    case 'usergroup':
      return mention('@', names.usergroup(str(element.usergroup_id)) ?? str(element.usergroup_id));
    case 'channel':
      return mention('#', names.channel(str(element.channel_id)) ?? str(element.channel_id));
    case 'broadcast':
      return mention('@', str(element.range));
    case 'emoji':
      return escapeHtml(emoji(str(element.name)) ?? `:${str(element.name)}:`);
    default:
      return '';
  }
}

function inlineRun(node: JsonObject, names: Names): string {
  return children(node)
    .map((element) => inlineElement(element, names))
    .join('');
}

function listHtml(node: JsonObject, names: Names): string {
  const tag = node.style === 'ordered' ? 'ol' : 'ul';
  const items = children(node).map((item) => `<li>${inlineRun(item, names)}</li>`);
  return `<${tag}>${items.join('')}</${tag}>`;
}

function richTextElement(node: JsonObject, names: Names): string {
  switch (node.type) {
    case 'rich_text_section':
      return `<div>${inlineRun(node, names)}</div>`;
    case 'rich_text_list':
      return listHtml(node, names);
    case 'rich_text_preformatted':
      return `<pre>${inlineRun(node, names)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote>${inlineRun(node, names)}</blockquote>`;
    default:
      return '';
  }
}

export function richTextHtml(block: JsonObject, names: Names): string {
  const inner = children(block)
    .map((node) => richTextElement(node, names))
    .join('');
  return `<div class="bk-rich-text">${inner}</div>`;
}
