/**
 * Block Kit's limits (docs.slack.dev/reference/block-kit): Slack refuses a
 * message that breaks one with `invalid_blocks`, so views cut text to fit
 * before posting.
 */
export const slackLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionField: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  /** chat.postMessage's top-level `text` (Slack truncates past 40,000). */
  messageText: 40000,
} as const;

const ellipsis = '…';

/** The text cut to at most `max` characters, ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return text.slice(0, max);
  return `${text.slice(0, max - ellipsis.length)}${ellipsis}`;
}

/** Where to cut `text` to keep at most `max` characters: the last newline, else the last space. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const newline = window.lastIndexOf('\n');
  if (newline > max / 2) return newline;
  const space = window.lastIndexOf(' ');
  if (space > max / 2) return space;
  return max;
}

/**
 * Splits long text into chunks of at most `max` characters, preferring line
 * and then word boundaries; concatenated they hold every word of the input.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = cutPoint(rest, max);
    chunks.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Text quoted as a code block, cut so that the whole block fits `max`. */
export function codeBlock(text: string, max: number): string {
  const fence = '```';
  const body = truncate(text.replaceAll(fence, "'''"), max - 2 * fence.length - 2);
  return `${fence}\n${body}\n${fence}`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
