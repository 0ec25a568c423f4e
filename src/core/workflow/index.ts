export { evaluateConditional } from './conditional.ts';
export {
  type ApprovalResolution,
  type ConditionalOutput,
  finishStep,
  type NextMove,
  nextMove,
  resolveApproval,
  startStep,
} from './engine.ts';
export type { EvaluationResult, ExpressionEvaluator } from './expression-evaluator.ts';
export { formatDuration } from './format-duration.ts';
export { renderOutputs } from './outputs.ts';
export {
  buildContext,
  type InputsResult,
  type RunContext,
  type RunRef,
  resolveInputs,
} from './run-context.ts';
export { nextStatus, recordsFromStatus, type StatusUpdate } from './run-status.ts';
export {
  type ApprovalRequest,
  isFinished,
  type StepOutcome,
  type StepPhase,
  type StepRecord,
  type StepRecords,
} from './step-record.ts';
export { type RenderResult, renderStep, renderTemplate } from './templates.ts';
