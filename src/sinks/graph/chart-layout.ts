/**
 * Rough text metrics for laying out a static chart: ECharts places the title
 * and legend itself, but the plot area must leave them room. Server-side,
 * ECharts measures text with a built-in table of Arial widths, so the chart
 * is drawn in Liberation Sans (Arial's metrics; Debian's fonts-liberation2),
 * DejaVu Sans when that is missing. About 0.6 em per character is a safe
 * average for either.
 */
export const fontFamily = 'Liberation Sans, Arial, DejaVu Sans, sans-serif';

const charWidth = (fontSize: number): number => fontSize * 0.6;

/** `text` broken into lines of at most `width` px (hard-wrapped inside long words), at most `maxLines`. */
export function wrapText(
  text: string,
  width: number,
  fontSize: number,
  maxLines: number,
): string[] {
  const perLine = Math.max(10, Math.floor(width / charWidth(fontSize)));
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest.length > 0 && lines.length < maxLines) {
    const cut = rest.length <= perLine ? rest.length : breakAt(rest, perLine);
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  const last = lines.length - 1;
  if (rest.length > 0 && last >= 0) lines[last] = `${(lines[last] ?? '').slice(0, perLine - 1)}…`;
  return lines;
}

function breakAt(text: string, perLine: number): number {
  const space = text.lastIndexOf(' ', perLine);
  return space > perLine / 2 ? space + 1 : perLine;
}

/** How many rows a horizontal legend of these names needs within `width` px. */
export function legendRows(names: readonly string[], width: number, fontSize: number): number {
  let rows = names.length === 0 ? 0 : 1;
  let used = 0;
  for (const name of names) {
    const item = 25 + 5 + name.length * charWidth(fontSize) + 10;
    if (used > 0 && used + item > width) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}
