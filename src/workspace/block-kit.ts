// Block Kit as Slack stores it: every block gets a block_id, text objects get their
// defaults (`emoji: true` on plain_text, `verbatim: false` on mrkdwn).
import type { IdSource } from './ids.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';

function withTextDefaults(value: Json): Json {
  if (Array.isArray(value)) return value.map(withTextDefaults);
  if (!isJsonObject(value)) return value;
  const normalized: JsonObject = Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, withTextDefaults(inner)]),
  );
  if (value.type === 'plain_text' && !('emoji' in value)) return { ...normalized, emoji: true };
  if (value.type === 'mrkdwn' && !('verbatim' in value)) return { ...normalized, verbatim: false };
  return normalized;
}

export function normalizeBlocks(blocks: readonly JsonObject[], ids: IdSource): JsonObject[] {
  return blocks.map((block) => {
    const normalized = withTextDefaults(block) as JsonObject;
    return 'block_id' in normalized ? normalized : { ...normalized, block_id: ids.blockId() };
  });
}
