/** The resource model: zod schemas of the four kinds, their types, and the CRDs generated from them. */
export { apiGroup, apiGroupVersion, apiVersion } from './api-group.ts';
export type { ApprovalPolicy } from './approval-policy.ts';
export { approvalPolicySchema } from './approval-policy.ts';
export type { LlmProvider, Runtime } from './budgets.ts';
export { llmProviders, runtimeSchema } from './budgets.ts';
export type { ResourceCondition } from './conditions.ts';
export { conditionSchema } from './conditions.ts';
export type { CustomResourceDefinition, KindDefinition } from './crd/custom-resource-definition.ts';
export {
  allCrds,
  resourceKinds,
  sinkCrd,
  sourceCrd,
  workflowCrd,
  workflowRunCrd,
} from './crd/kinds.ts';
export type { Schedule } from './cron-schedule.ts';
export { cronPattern, scheduleSchema } from './cron-schedule.ts';
export { duration, parseDuration } from './duration.ts';
export type { LabelMatcher, MatchOperator } from './label-matcher.ts';
export { labelMatcherSchema, matchOperators } from './label-matcher.ts';
export type { LabelSelector } from './label-selector.ts';
export { labelSelectorSchema } from './label-selector.ts';
export type { ObjectMeta } from './metadata.ts';
export type {
  ParseResourceResult,
  ParseResult,
  Resource,
  ResourceKind,
  ResourceProblem,
} from './parse-resource.ts';
export {
  formatFieldPath,
  parseResource,
  parseWithProblems,
  problemsOf,
  resourceSchemas,
} from './parse-resource.ts';
export type { AgentTool, RemediationAction } from './remediation-actions.ts';
export { agentTools, remediationActions } from './remediation-actions.ts';
export type { SecretKeyRef } from './secret-key-ref.ts';
export { secretKeyRefSchema } from './secret-key-ref.ts';
export type { Sink, SinkSpec, SinkStatus, SinkType } from './sink.ts';
export { sinkSchema, sinkSpecSchema, sinkStatusSchema, sinkTypes } from './sink.ts';
export type { Source, SourceSpec, SourceStatus, SourceType } from './source.ts';
export { sourceSchema, sourceSpecSchema, sourceStatusSchema, sourceTypes } from './source.ts';
export { dedupKeys, priorities } from './source-ingest.ts';
export type { Workflow, WorkflowSpec, WorkflowStatus } from './workflow.ts';
export { workflowSchema, workflowSpecSchema, workflowStatusSchema } from './workflow.ts';
export type {
  RunPhase,
  WorkflowRun,
  WorkflowRunSpec,
  WorkflowRunStatus,
} from './workflow-run.ts';
export {
  runPhases,
  stepPhases,
  triggerTypes,
  workflowRunSchema,
  workflowRunSpecSchema,
  workflowRunStatusSchema,
} from './workflow-run.ts';
export type { StepType, WorkflowStep } from './workflow-steps.ts';
export { stepTypes, workflowStepSchema } from './workflow-steps.ts';
