import { z } from 'zod';

/**
 * The body of `POST /v1/messages` as the fake accepts it. Strict like the real
 * API: an unknown field is a 400 ("Extra inputs are not permitted"), so the
 * fake catches our agent sending what Anthropic would reject. Server tools
 * (web search, bash…) are out of scope: a tool must be a custom tool.
 */
const cacheControl = z.strictObject({
  type: z.literal('ephemeral'),
  ttl: z.enum(['5m', '1h']).optional(),
});

const cacheable = { cache_control: cacheControl.nullish() };
const looseRecord = z.record(z.string(), z.unknown());

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1, 'text content blocks must be non-empty'),
  citations: z.array(z.unknown()).nullish(),
  ...cacheable,
});

const imageBlock = z.strictObject({ type: z.literal('image'), source: looseRecord, ...cacheable });

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: looseRecord,
  ...cacheable,
});

const toolUseBlock = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: looseRecord,
  caller: looseRecord.optional(),
  ...cacheable,
});

const toolResultBlock = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([
      z.string(),
      z.array(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock])),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  ...cacheable,
});

const thinkingBlock = z.strictObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});

const redactedThinkingBlock = z.strictObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);

const message = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const tool = z.strictObject({
  type: z.literal('custom').nullish(),
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,128}$/, 'String should match pattern ^[a-zA-Z0-9_-]{1,128}$'),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  strict: z.boolean().optional(),
  eager_input_streaming: z.boolean().nullish(),
  input_examples: z.array(looseRecord).optional(),
  defer_loading: z.boolean().optional(),
  allowed_callers: z.array(z.string()).optional(),
  ...cacheable,
});

const parallel = { disable_parallel_tool_use: z.boolean().optional() };

const toolChoice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto'), ...parallel }),
  z.strictObject({ type: z.literal('any'), ...parallel }),
  z.strictObject({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.strictObject({ type: z.literal('none') }),
]);

export const messagesRequestSchema = z.strictObject({
  model: z.string().min(1),
  max_tokens: z.int().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.strictObject({ user_id: z.string().nullish() }).optional(),
  thinking: z.looseObject({ type: z.enum(['enabled', 'disabled', 'adaptive']) }).optional(),
  cache_control: cacheControl.nullish(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  output_config: looseRecord.optional(),
  container: z.union([z.string(), looseRecord]).nullish(),
  inference_geo: z.string().nullish(),
  speed: z.enum(['standard', 'fast']).nullish(),
  diagnostics: looseRecord.nullish(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type RequestMessage = MessagesRequest['messages'][number];
export type RequestContentBlock = Exclude<RequestMessage['content'], string>[number];
export type RequestTool = NonNullable<MessagesRequest['tools']>[number];
export type CacheControl = z.infer<typeof cacheControl>;
