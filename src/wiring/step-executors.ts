import { type CliDeps, createCliStep } from '../adapters/kube/cli-step.ts';
import { type AgentRuntime, createAgentStep } from '../agent/step/agent-step.ts';
import { createAnalyzeStep } from '../app/run/steps/analyze-step.ts';
import { createRemediateStep, type Proposer } from '../app/run/steps/remediate-step.ts';
import type { StepExecutors } from '../app/run/steps/step-executor.ts';
import type { Clock, ClusterPort } from '../core/ports.ts';
import type { LlmProvider } from '../core/resources/budgets.ts';

export type { StepExecutor, StepExecutors, StepInput } from '../app/run/steps/step-executor.ts';

export interface StepExecutorsDeps {
  readonly cluster: ClusterPort;
  readonly clock: Clock;
  /** The LLM provider a Workflow gets when it names none. */
  readonly defaultProvider: LlmProvider;
  /** For cli steps (Jobs); without it cli steps fail. */
  readonly jobs?: CliDeps;
  /** The remediation lifecycle; without it remediate steps only record their proposal. */
  readonly remediation?: Proposer;
  /** The LLM agent's providers, tools and metrics; without it agent steps need provider none. */
  readonly agent?: AgentRuntime;
}

const noJobs = async () =>
  ({
    type: 'failed',
    error: 'cli steps need a Kubernetes cluster; none configured',
    retryable: false,
  }) as const;

export function createStepExecutors(deps: StepExecutorsDeps): StepExecutors {
  return {
    analyze: createAnalyzeStep(deps),
    agent: createAgentStep(deps),
    cli: deps.jobs === undefined ? noJobs : createCliStep(deps.jobs),
    remediate: createRemediateStep(deps),
  };
}

export type { CliDeps } from '../adapters/kube/cli-step.ts';
export type { AgentRuntime } from '../agent/step/agent-step.ts';
export type { Proposer } from '../app/run/steps/remediate-step.ts';
