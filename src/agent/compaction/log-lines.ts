/**
 * What makes log lines "the same" and "important", for compaction:
 * timestamps, ids and numbers are normalised away before comparing; lines
 * naming an error, a warning, an exception or a crash are important.
 */
const patterns: readonly [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b/gi, '<hex>'],
  [/\b[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{5,10}-[a-z0-9]{5}\b/g, '<pod>'],
  [/\d+(?:\.\d+)?/g, '<n>'],
];

export function normalizeLine(line: string): string {
  let out = line.trim();
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  return out.replace(/\s+/g, ' ');
}

const important =
  /\b(?:error|err|fatal|panic|exception|fail(?:ed|ure)?|crash|killed|oom|refused|denied|timeout|timed out|unavailable|warn(?:ing)?|traceback|caused by|no such host|cannot|could not|unable)\b/i;

export function isImportant(line: string): boolean {
  return important.test(line);
}

/** A continuation of the line before (stack frame, indented context). */
export function isContinuation(line: string): boolean {
  return /^\s+(?:at |\.\.\.|File "|[A-Za-z_$][\w$.]*\()/.test(line) || /^\s{2,}\S/.test(line);
}
