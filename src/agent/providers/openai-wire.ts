import { z } from 'zod';

/** The OpenAI chat/completions answer, as Ollama and vLLM send it, parsed at the boundary. */
const toolCall = z.object({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

export const chatCompletionSchema = z.object({
  id: z.string(),
  model: z.string(),
  choices: z
    .array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable().default(null),
          tool_calls: z.array(toolCall).optional(),
        }),
        finish_reason: z.string().nullable(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0),
      completion_tokens: z.number().int().min(0),
      prompt_tokens_details: z
        .object({ cached_tokens: z.number().int().min(0).optional() })
        .nullable()
        .optional(),
    })
    .optional(),
});

export const chatErrorSchema = z.object({
  error: z.object({ message: z.string(), type: z.string().optional() }),
});

export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: {
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };
