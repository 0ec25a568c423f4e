import type { KnownBlock } from '@slack/types';

/**
 * What Slack would refuse in a message's blocks (`invalid_blocks`): unknown
 * block types, malformed text objects, and Block Kit's limits (50 blocks,
 * 3000 characters of section text, 2000 per field, 150 of a header, 10
 * context elements, 25 action elements, 75 characters of button text).
 * The workspace only checks that each block has a type and the 50-block
 * limit, as Slack's first pass does; this is the rest, for tests.
 */
const knownTypes = new Set<KnownBlock['type']>([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

function textProblems(where: string, text: unknown, max: number, plainOnly = false): string[] {
  if (!isObject(text)) return [`${where}: not a text object`];
  const type = text.type;
  if (type !== 'plain_text' && (plainOnly || type !== 'mrkdwn'))
    return [`${where}: text type ${String(type)}`];
  if (typeof text.text !== 'string' || text.text === '') return [`${where}: empty text`];
  return text.text.length > max ? [`${where}: ${text.text.length} > ${max} characters`] : [];
}

function sectionProblems(where: string, b: Json): string[] {
  const problems = b.text === undefined ? [] : textProblems(`${where}.text`, b.text, 3000);
  const fields = Array.isArray(b.fields) ? b.fields : [];
  if (b.text === undefined && fields.length === 0) problems.push(`${where}: no text or fields`);
  if (fields.length > 10) problems.push(`${where}: ${fields.length} fields`);
  fields.forEach((f, i) => {
    problems.push(...textProblems(`${where}.fields[${i}]`, f, 2000));
  });
  return problems;
}

function elementProblems(where: string, e: unknown): string[] {
  if (!isObject(e)) return [`${where}: not an object`];
  if (e.type !== 'button') return [];
  const problems = textProblems(`${where}.text`, e.text, 75, true);
  if (typeof e.action_id === 'string' && e.action_id.length > 255)
    problems.push(`${where}: action_id too long`);
  if (typeof e.value === 'string' && e.value.length > 2000)
    problems.push(`${where}: value too long`);
  return problems;
}

function blockProblems(b: unknown, i: number): string[] {
  const where = `blocks[${i}]`;
  if (!isObject(b) || typeof b.type !== 'string') return [`${where}: no type`];
  if (!knownTypes.has(b.type as KnownBlock['type'])) return [`${where}: unknown type ${b.type}`];
  if (typeof b.block_id === 'string' && b.block_id.length > 255) return [`${where}: block_id`];
  const elements = Array.isArray(b.elements) ? b.elements : [];
  switch (b.type) {
    case 'header':
      return textProblems(`${where}.text`, b.text, 150, true);
    case 'section':
      return sectionProblems(where, b);
    case 'context':
      return elements.length === 0 || elements.length > 10
        ? [`${where}: ${elements.length} context elements`]
        : [];
    case 'actions':
      return elements.length === 0 || elements.length > 25
        ? [`${where}: ${elements.length} action elements`]
        : elements.flatMap((e, j) => elementProblems(`${where}.elements[${j}]`, e));
    default:
      return [];
  }
}

/** Every problem Slack would refuse the blocks for; empty when they are valid KnownBlock[]. */
export function blockKitProblems(blocks: readonly unknown[]): string[] {
  const problems = blocks.length > 50 ? [`${blocks.length} blocks (max 50)`] : [];
  return [...problems, ...blocks.flatMap(blockProblems)];
}
