import { isContinuation, isImportant, normalizeLine } from './log-lines.ts';

/**
 * Log compaction before a log reaches the model: repeated lines (equal
 * once timestamps, ids and numbers are normalised) collapse into their
 * first occurrence with a count; error/warn lines and a few lines of their
 * stack context are always kept, as is the tail; other lines go first when
 * the result is over the byte cap. A header says what was dropped.
 */
export interface LogCompactionOptions {
  readonly maxBytes?: number;
  /** Distinct lines at the end always kept. */
  readonly tailLines?: number;
}

interface Entry {
  readonly first: string;
  readonly index: number;
  count: number;
  important: boolean;
  tail: boolean;
}

const contextLines = 5;

function collapse(lines: readonly string[]): Entry[] {
  const byKey = new Map<string, Entry>();
  const entries: Entry[] = [];
  let context = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const key = normalizeLine(line);
    const inContext = context > 0 && isContinuation(line);
    context = isImportant(line) ? contextLines : inContext ? context - 1 : 0;
    const existing = byKey.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      continue;
    }
    const entry: Entry = {
      first: line,
      index,
      count: 1,
      important: isImportant(line) || inContext,
      tail: false,
    };
    byKey.set(key, entry);
    entries.push(entry);
  }
  return entries;
}

function render(e: Entry): string {
  return e.count > 1 ? `${e.first}  [×${e.count}]` : e.first;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function fitToBytes(entries: Entry[], maxBytes: number): { kept: Entry[]; dropped: number } {
  let size = entries.reduce((sum, e) => sum + bytes(render(e)) + 1, 0);
  const dropOrder = [
    ...entries.filter((e) => !e.important && !e.tail),
    ...entries.filter((e) => e.important && !e.tail),
    ...entries.filter((e) => e.tail),
  ];
  const dropped = new Set<Entry>();
  for (const e of dropOrder) {
    if (size <= maxBytes) break;
    dropped.add(e);
    size -= bytes(render(e)) + 1;
  }
  return { kept: entries.filter((e) => !dropped.has(e)), dropped: dropped.size };
}

export function compactLog(text: string, options: LogCompactionOptions = {}): string {
  const maxBytes = options.maxBytes ?? 8_000;
  const lines = text.split('\n');
  const total = lines.filter((l) => l.trim() !== '').length;
  const entries = collapse(lines);
  for (const e of entries.slice(-(options.tailLines ?? 10))) e.tail = true;
  const { kept, dropped } = fitToBytes(entries, maxBytes);
  const repeats = total - entries.length;
  const body = kept.map(render).join('\n');
  if (repeats === 0 && dropped === 0) return body;
  const notes = [
    `${total} lines`,
    repeats > 0
      ? `${repeats} repeats collapsed (×N marks them; timestamps/ids/numbers ignored when comparing)`
      : '',
    dropped > 0 ? `${dropped} distinct non-error lines dropped to fit ${maxBytes} bytes` : '',
  ].filter((n) => n !== '');
  return `[compacted log: ${notes.join('; ')}]\n${body}`;
}
