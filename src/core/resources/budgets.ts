import { z } from 'zod';
import { duration } from './duration.ts';

/**
 * What one run may spend on the LLM: tokens in and out, and wall time. On
 * exhaustion the agent returns what it has, marked partial.
 */
const maxInputTokens = z
  .int()
  .min(1000)
  .max(10_000_000)
  .describe('Most input tokens the run may send to the LLM, summed over all requests.');
const maxOutputTokens = z
  .int()
  .min(100)
  .max(1_000_000)
  .describe('Most output tokens the run may receive from the LLM, summed over all requests.');
const timeout = duration({ min: '10s', max: '2h' });
const maxIterations = z
  .int()
  .min(1)
  .max(100)
  .describe('Most LLM round trips (tool-use turns) before the agent must answer.');

export const runtimeBudgetsSchema = z
  .strictObject({
    maxInputTokens: maxInputTokens.default(300_000),
    maxOutputTokens: maxOutputTokens.default(20_000),
    timeout: timeout.default('10m').describe('Wall time of all agent steps of one run together.'),
  })
  .describe('Token and time budgets of one run.');

/** A step's own budgets; each is capped by the runtime's. */
export const stepBudgetsSchema = z
  .strictObject({
    maxIterations: maxIterations.optional(),
    maxInputTokens: maxInputTokens.optional(),
    maxOutputTokens: maxOutputTokens.optional(),
    timeout: timeout.optional().describe('Wall time of this step.'),
  })
  .describe("This step's budgets; each is capped by spec.runtime's.");

export const llmProviders = ['none', 'anthropic', 'openai'] as const;
export type LlmProvider = (typeof llmProviders)[number];

export const runtimeSchema = z
  .strictObject({
    provider: z
      .enum(llmProviders)
      .optional()
      .describe(
        'LLM provider: none (deterministic analyzers only), anthropic, or openai (any OpenAI-compatible endpoint such as Ollama or vLLM). Default: the deployment default (anthropic when ANTHROPIC_API_KEY is set, else none).',
      ),
    model: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe("Model name; default: LLM_MODEL, else the provider's default."),
    endpoint: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'must be an http(s) URL')
      .optional()
      .describe('Base URL of the provider API; default: ANTHROPIC_BASE_URL or OPENAI_BASE_URL.'),
    maxIterations: maxIterations.default(20),
    budgets: runtimeBudgetsSchema.prefault({}),
  })
  .describe('How agent steps talk to the LLM, and what a run may spend.');

export type Runtime = z.infer<typeof runtimeSchema>;
