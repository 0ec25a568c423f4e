// Legacy attachments as Slack shows them: a colour bar beside pretext, title, text,
// fields, footer, and any blocks inside.
import { isJsonObject, type JsonObject } from '../json.ts';
import { type ButtonContext, blocksHtml } from './block-kit-html.ts';
import { escapeHtml, safeColor, safeUrl } from './html.ts';
import { mrkdwnToHtml, type Names } from './mrkdwn.ts';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function titleHtml(attachment: JsonObject): string {
  const title = str(attachment.title);
  if (title === '') return '';
  const link = str(attachment.title_link);
  const inner =
    link === ''
      ? escapeHtml(title)
      : `<a href="${safeUrl(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(title)}</a>`;
  return `<div class="att-title">${inner}</div>`;
}

function fieldsHtml(attachment: JsonObject, names: Names): string {
  if (!Array.isArray(attachment.fields)) return '';
  const fields = attachment.fields.filter(isJsonObject).map((field) => {
    const wide = field.short === true ? '' : ' att-field-wide';
    return `<div class="att-field${wide}"><div class="att-field-title">${escapeHtml(str(field.title))}</div><div>${mrkdwnToHtml(str(field.value), names)}</div></div>`;
  });
  return `<div class="att-fields">${fields.join('')}</div>`;
}

function part(className: string, html: string): string {
  return html === '' ? '' : `<div class="${className}">${html}</div>`;
}

export function attachmentHtml(attachment: JsonObject, names: Names, at: ButtonContext): string {
  const color = safeColor(attachment.color);
  const colorAttr = color === undefined ? '' : ` data-color="${color}"`;
  const blocks = Array.isArray(attachment.blocks)
    ? blocksHtml(attachment.blocks.filter(isJsonObject), names, at)
    : '';
  const body = [
    part('att-pretext', mrkdwnToHtml(str(attachment.pretext), names)),
    titleHtml(attachment),
    part('att-text', mrkdwnToHtml(str(attachment.text), names)),
    fieldsHtml(attachment, names),
    blocks,
    part('att-footer', escapeHtml(str(attachment.footer))),
  ].join('');
  return `<div class="attachment"${colorAttr}><div class="att-bar"></div><div class="att-body">${body}</div></div>`;
}
