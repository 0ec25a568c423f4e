// Escaping for server-rendered HTML: message text is untrusted, so everything a message
// carries goes through these before it reaches the page.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Only http(s) and mailto links survive; anything else (javascript:, data:) becomes '#'. */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? escapeHtml(trimmed) : '#';
}

/** Image sources: http(s), or the workspace's own /files/ path. */
export function safeImageUrl(url: string): string {
  const trimmed = url.trim();
  return /^(https?:\/\/|\/files\/)/i.test(trimmed) ? escapeHtml(trimmed) : '';
}

const NAMED_COLORS: Readonly<Record<string, string>> = {
  good: '#2eb67d',
  warning: '#ecb22e',
  danger: '#e01e5a',
};

/** An attachment's colour as a CSS hex colour, or undefined when it is not one. */
export function safeColor(color: unknown): string | undefined {
  if (typeof color !== 'string') return undefined;
  const named = NAMED_COLORS[color];
  if (named !== undefined) return named;
  const hex = color.startsWith('#') ? color : `#${color}`;
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex) ? hex : undefined;
}

/** Slack escapes only these three in message text; turn them back before escaping ours. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
