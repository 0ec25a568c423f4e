// Block Kit as HTML: header, section (text, fields, accessory), context, divider, image,
// actions (buttons with primary/danger styles), rich_text. Unknown blocks show their type.
import { isJsonObject, type JsonObject } from '../json.ts';
import { escapeHtml, safeImageUrl } from './html.ts';
import { mrkdwnToHtml, type Names, plainToHtml } from './mrkdwn.ts';
import { richTextHtml } from './rich-text-html.ts';

/** Where a message's buttons live, so a click can name it. */
export interface ButtonContext {
  channel: string;
  ts: string;
  /** Ephemeral messages cannot be clicked here (Slack would answer to the app only). */
  interactive: boolean;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function textObjectHtml(text: unknown, names: Names): string {
  if (!isJsonObject(text)) return '';
  if (text.type === 'mrkdwn') return mrkdwnToHtml(str(text.text), names);
  return plainToHtml(str(text.text), text.emoji !== false);
}

function confirmAttr(confirm: unknown): string {
  if (!isJsonObject(confirm)) return '';
  const title = isJsonObject(confirm.title) ? str(confirm.title.text) : '';
  const text = isJsonObject(confirm.text) ? str(confirm.text.text) : '';
  return ` data-confirm="${escapeHtml([title, text].filter(Boolean).join('\n\n'))}"`;
}

function buttonHtml(element: JsonObject, names: Names, at: ButtonContext): string {
  const style = element.style === 'primary' || element.style === 'danger' ? element.style : '';
  const classes = `bk-button${style === '' ? '' : ` bk-${style}`}`;
  const data = [
    `data-action-id="${escapeHtml(str(element.action_id))}"`,
    `data-channel="${escapeHtml(at.channel)}"`,
    `data-ts="${escapeHtml(at.ts)}"`,
  ].join(' ');
  const disabled = at.interactive ? '' : ' disabled';
  const label = textObjectHtml(element.text, names);
  return `<button type="button" class="${classes}" ${data}${confirmAttr(element.confirm)}${disabled}>${label}</button>`;
}

function imageElementHtml(element: JsonObject, className: string): string {
  const src = safeImageUrl(str(element.image_url));
  if (src === '') return '';
  return `<img class="${className}" src="${src}" alt="${escapeHtml(str(element.alt_text))}">`;
}

export function elementHtml(element: JsonObject, names: Names, at: ButtonContext): string {
  if (element.type === 'button') return buttonHtml(element, names, at);
  if (element.type === 'image') return imageElementHtml(element, 'bk-accessory-image');
  const placeholder = isJsonObject(element.placeholder) ? str(element.placeholder.text) : '';
  const label = escapeHtml(placeholder || str(element.type));
  return `<span class="bk-element" title="${escapeHtml(str(element.type))}">${label}</span>`;
}

function sectionHtml(block: JsonObject, names: Names, at: ButtonContext): string {
  const text = block.text === undefined ? '' : `<div>${textObjectHtml(block.text, names)}</div>`;
  const fields = Array.isArray(block.fields)
    ? `<div class="bk-fields">${block.fields
        .map((field) => `<div>${textObjectHtml(field, names)}</div>`)
        .join('')}</div>`
    : '';
  const accessory = isJsonObject(block.accessory)
    ? `<div class="bk-accessory">${elementHtml(block.accessory, names, at)}</div>`
    : '';
  return `<div class="bk-section"><div class="bk-section-body">${text}${fields}</div>${accessory}</div>`;
}

function contextHtml(block: JsonObject, names: Names): string {
  const elements = Array.isArray(block.elements) ? block.elements.filter(isJsonObject) : [];
  const inner = elements
    .map((element) =>
      element.type === 'image'
        ? imageElementHtml(element, 'bk-context-image')
        : `<span>${textObjectHtml(element, names)}</span>`,
    )
    .join('');
  return `<div class="bk-context">${inner}</div>`;
}

function imageBlockHtml(block: JsonObject, names: Names): string {
  const title =
    block.title === undefined
      ? ''
      : `<figcaption>${textObjectHtml(block.title, names)}</figcaption>`;
  return `<figure class="bk-image">${title}${imageElementHtml(block, 'bk-image-img')}</figure>`;
}

function actionsHtml(block: JsonObject, names: Names, at: ButtonContext): string {
  const elements = Array.isArray(block.elements) ? block.elements.filter(isJsonObject) : [];
  return `<div class="bk-actions">${elements.map((e) => elementHtml(e, names, at)).join('')}</div>`;
}

export function blockHtml(block: JsonObject, names: Names, at: ButtonContext): string {
  switch (block.type) {
    case 'header':
      return `<div class="bk-header">${textObjectHtml(block.text, names)}</div>`;
    case 'section':
      return sectionHtml(block, names, at);
    case 'context':
      return contextHtml(block, names);
    case 'divider':
      return '<hr class="bk-divider">';
    case 'image':
      return imageBlockHtml(block, names);
    case 'actions':
      return actionsHtml(block, names, at);
    case 'rich_text':
      return richTextHtml(block, names);
    default:
      return `<div class="bk-unknown">[${escapeHtml(str(block.type))} block]</div>`;
  }
}

export function blocksHtml(blocks: readonly JsonObject[], names: Names, at: ButtonContext): string {
  return blocks.map((block) => blockHtml(block, names, at)).join('');
}
