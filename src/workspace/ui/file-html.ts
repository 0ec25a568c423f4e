// Files shared in a message: images inline, text snippets previewed, others as a card.
import type { StoredFile } from '../workspace-types.ts';
import { escapeHtml } from './html.ts';

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};
const PREVIEW_BYTES = 4_000;

function extension(filename: string): string {
  return filename.split('.').pop()?.toLowerCase() ?? '';
}

/** The type a file is served with; only raster images are served as images. */
export function fileContentType(file: StoredFile): string {
  return IMAGE_TYPES[extension(file.filename)] ?? 'text/plain; charset=utf-8';
}

export function isImageFile(file: StoredFile): boolean {
  return extension(file.filename) in IMAGE_TYPES;
}

function preview(file: StoredFile): string {
  if (file.bytes === undefined || file.bytes.includes(0)) return '';
  const text = file.bytes.subarray(0, PREVIEW_BYTES).toString('utf8');
  return `<pre class="file-preview">${escapeHtml(text)}</pre>`;
}

export function fileHtml(file: StoredFile): string {
  const href = `/files/${encodeURIComponent(file.id)}`;
  const title = escapeHtml(file.title || file.filename);
  if (isImageFile(file)) {
    const alt = escapeHtml(file.altText ?? file.title);
    return `<figure class="file file-image"><figcaption>${title}</figcaption><a href="${href}" target="_blank"><img src="${href}" alt="${alt}"></a></figure>`;
  }
  const size = file.bytes?.length ?? file.declaredLength;
  return `<div class="file file-card"><a href="${href}" target="_blank">${title}</a> <span class="muted">${size} bytes</span>${preview(file)}</div>`;
}
