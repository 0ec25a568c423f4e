export { createAnthropicFake } from './anthropic-fake.ts';
export type { ApiErrorType, ErrorEnvelope, ErrorStatus } from './error-envelope.ts';
export type {
  AnthropicFake,
  AnthropicFakeOptions,
  DelayFault,
  Fault,
  HangFault,
  HttpFault,
  RecordedRequest,
  Responder,
  ScriptedBlock,
  ScriptedTextBlock,
  ScriptedToolUseBlock,
  ScriptedTurn,
  StopReason,
  StreamErrorFault,
  TurnUsage,
} from './fake-types.ts';
export type {
  MessagesRequest,
  RequestContentBlock,
  RequestMessage,
  RequestTool,
} from './request-schema.ts';
export { tokensOf } from './token-estimate.ts';
