export {
  type ChatRequest,
  chatRequestSchema,
  createOpenAiFake,
  type OpenAiFake,
  type OpenAiTurn,
} from './openai-fake.ts';
