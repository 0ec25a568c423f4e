import { describe, expect, it } from 'vitest';
import { createAgentStep, noProviderError } from '../../../agent/step/agent-step.ts';
import type { SourceEvent } from '../../../core/events/source-event.ts';
import type { Report } from '../../../core/investigation/report.ts';
import type { ClusterPort } from '../../../core/ports.ts';
import { type Workflow, workflowSchema } from '../../../core/resources/index.ts';
import { buildContext } from '../../../core/workflow/run-context.ts';
import { createRemediateStep } from './remediate-step.ts';
import type { StepInput } from './step-executor.ts';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const event = {
  source: { namespace: 'shop', name: 'am', type: 'alertmanager' },
  workflow: 'wf',
  receivedAt: '2026-01-01T00:00:00Z',
  status: 'firing',
  fingerprint: 'f',
  title: 't',
  labels: {},
  annotations: {},
  alerts: [],
} satisfies SourceEvent;
const report: Report = {
  target: 'Deployment/shop/web',
  summary: 'web crash-loops',
  rootCause: 'bad config',
  confidence: 0.8,
  findings: [],
  proposals: [
    {
      action: 'rollout_restart',
      target: 'Deployment/shop/web',
      params: {},
      rationale: 'restart it',
    },
  ],
  partial: false,
  warnings: [],
  analyzer: 'deterministic',
  durationMs: 5,
};

function input(runtime: Record<string, unknown> = {}): { workflow: Workflow; input: StepInput } {
  const workflow = workflowSchema.parse({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'wf', namespace: 'shop' },
    spec: { runtime, steps: [{ name: 'a', type: 'analyze' }] },
  });
  const run = { name: 'wf-1', namespace: 'shop', workflow: 'wf' };
  const context = buildContext(
    run,
    event,
    {},
    {
      a: { name: 'a', type: 'analyze', phase: 'Succeeded', attempts: 1, output: report },
    },
  );
  return {
    workflow,
    input: {
      run,
      event,
      context,
      workflow,
      signal: new AbortController().signal,
      progress: () => {},
    },
  };
}

const unusedCluster = {} as ClusterPort;

describe('remediate step', () => {
  const remediate = createRemediateStep({ clock });

  it("takes its target from an earlier report's proposal and awaits approval", async () => {
    const { input: i } = input();
    const outcome = await remediate(
      { name: 'fix', type: 'remediate', action: 'rollout_restart', retries: 0 },
      i,
    );
    expect(outcome).toMatchObject({
      type: 'awaiting-approval',
      approval: {
        proposalId: 'wf-1-fix',
        action: 'rollout_restart',
        target: 'Deployment/shop/web',
      },
      output: {
        rationale: 'restart it',
        requiredApprovals: 1,
        expiresAt: '2026-01-01T00:30:00.000Z',
      },
    });
  });

  it('fails without a target, and on params the action does not accept', async () => {
    const { input: i } = input();
    expect(
      await remediate({ name: 'fix', type: 'remediate', action: 'scale', retries: 0 }, i),
    ).toMatchObject({
      type: 'failed',
      retryable: false,
      error: expect.stringMatching(/has no target/),
    });
    const bad = await remediate(
      {
        name: 'fix',
        type: 'remediate',
        action: 'scale',
        retries: 0,
        params: { target: 'Deployment/shop/web', replicas: -1 },
      },
      i,
    );
    expect(bad).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/^params of scale: replicas/),
    });
  });
});

describe('agent step without an LLM', () => {
  const step = { name: 'ask', type: 'agent', goal: 'why?', retries: 0 } as const;

  it('fails clearly unless the runtime provider is none', async () => {
    const agent = createAgentStep({ cluster: unusedCluster, clock, defaultProvider: 'anthropic' });
    expect(await agent(step, input().input)).toEqual({
      type: 'failed',
      error: noProviderError,
      retryable: false,
    });
  });

  it("lets the analyzers' report stand in when the provider is none, and says so", async () => {
    const agent = createAgentStep({ cluster: unusedCluster, clock, defaultProvider: 'anthropic' });
    const outcome = await agent(step, input({ provider: 'none' }).input);
    expect(outcome).toMatchObject({
      type: 'succeeded',
      output: {
        provider: 'none',
        report: { rootCause: 'bad config' },
        note: expect.stringMatching(/stands in/),
      },
    });
  });
});
