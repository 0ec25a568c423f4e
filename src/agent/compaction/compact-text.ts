/**
 * Generic tool-output compaction: consecutive duplicate lines collapse,
 * and text over the byte cap keeps its head and tail with a note of what
 * was cut in between.
 */
function takeWhile(lines: readonly string[], budget: number): string[] {
  const out: string[] = [];
  let left = budget;
  for (const line of lines) {
    left -= Buffer.byteLength(line, 'utf8') + 1;
    if (left < 0) break;
    out.push(line);
  }
  return out;
}

export function capText(text: string, maxBytes: number): string {
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= maxBytes) return text;
  const lines = text.split('\n');
  const budget = Math.max(0, maxBytes - 120);
  const head = takeWhile(lines, Math.floor((budget * 2) / 3));
  const tail = takeWhile(
    [...lines.slice(head.length)].reverse(),
    budget - Math.floor((budget * 2) / 3),
  ).reverse();
  const cut = lines.length - head.length - tail.length;
  return [...head, `[… ${cut} lines cut to fit ${maxBytes} bytes (of ${size}) …]`, ...tail].join(
    '\n',
  );
}

export function collapseRepeats(text: string): string {
  const out: string[] = [];
  let previous: string | undefined;
  let count = 0;
  const flush = () => {
    if (previous === undefined) return;
    out.push(count > 1 ? `${previous}  [×${count}]` : previous);
  };
  for (const line of text.split('\n')) {
    if (line === previous) {
      count += 1;
      continue;
    }
    flush();
    previous = line;
    count = 1;
  }
  flush();
  return out.join('\n');
}

export function compactText(text: string, maxBytes = 8_000): string {
  return capText(collapseRepeats(text), maxBytes);
}
