// Zod schemas for Web API arguments as they arrive: form-encoded strings (objects as JSON
// strings, booleans as "true"/"1") or typed JSON. Invalid arguments answer like Slack does.
import { z } from 'zod';
import type { JsonObject } from './json.ts';

const UNPARSEABLE = Symbol('unparseable');

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return UNPARSEABLE;
  }
}

/** A field Slack takes "as a URL-encoded JSON string" in forms, or as JSON in JSON bodies. */
export function jsonField<T extends z.ZodType>(schema: T) {
  return z.preprocess(parseJsonString, schema);
}

export const boolField = z.preprocess((value) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}, z.boolean());

export const intField = z.coerce.number().int();

export const tsField = z.string().regex(/^\d+\.\d+$/, 'expected a message timestamp');

export const jsonObject: z.ZodType<JsonObject> = z.record(z.string(), z.json());

const block = jsonObject.refine(
  (value) => typeof value.type === 'string' && value.type !== '',
  'a block needs a type',
);

/** Block Kit blocks: Slack checks each block's type and the 50-blocks limit first. */
export const blocksField = jsonField(z.array(block).max(50));

export const attachmentsField = jsonField(z.array(jsonObject).max(100));

export const metadataField = jsonField(
  z.object({ event_type: z.string().min(1), event_payload: jsonObject }),
);

/** Slack names a specific error for some fields; everything else is `invalid_arguments`. */
const FIELD_ERRORS: Readonly<Record<string, string>> = {
  channel: 'channel_not_found',
  channel_id: 'channel_not_found',
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  metadata: 'invalid_metadata_format',
  user: 'user_not_found',
  ts: 'message_not_found',
  message_ts: 'message_not_found',
  timestamp: 'message_not_found',
};

export type ParsedArgs<T> = { ok: true; data: T } | { ok: false; body: JsonObject };

export function parseArgs<T>(schema: z.ZodType<T>, args: Record<string, unknown>): ParsedArgs<T> {
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, data: result.data };
  const first = result.error.issues[0];
  const field = typeof first?.path[0] === 'string' ? first.path[0] : '';
  const messages = result.error.issues.map((issue) => {
    const name = issue.path.join('/');
    const missing = issue.path.length === 1 && args[String(issue.path[0])] === undefined;
    return missing
      ? `[ERROR] missing required field: ${name}`
      : `[ERROR] ${issue.message} [json-pointer:/${name}]`;
  });
  const named = FIELD_ERRORS[field];
  if (named !== undefined) return { ok: false, body: { ok: false, error: named } };
  return {
    ok: false,
    body: { ok: false, error: 'invalid_arguments', response_metadata: { messages } },
  };
}

export function platformError(error: string, extra: JsonObject = {}): JsonObject {
  return { ok: false, error, ...extra };
}
