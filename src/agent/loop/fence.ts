/**
 * Untrusted text (tool output, alert annotations, logs) wrapped as data
 * before it enters the prompt. The closing marker cannot be forged from
 * inside: any occurrence in the text is defused.
 */
const open = '<untrusted-data';
const close = '</untrusted-data>';

export function fenceData(source: string, text: string): string {
  const safeSource = source.replace(/["<>\n]/g, ' ').slice(0, 200);
  const body = text.replaceAll(close, '</untrusted_data_>').replaceAll(open, '<untrusted_data_');
  return `${open} source="${safeSource}">\n${body}\n${close}`;
}
