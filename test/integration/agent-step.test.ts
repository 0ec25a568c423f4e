import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { createAgentStep } from '../../src/agent/step/agent-step.ts';
import type { SourceEvent } from '../../src/core/events/source-event.ts';
import { systemClock } from '../../src/core/ports.ts';
import { workflowSchema } from '../../src/core/resources/index.ts';
import { buildContext } from '../../src/core/workflow/run-context.ts';
import { nextStatus } from '../../src/core/workflow/run-status.ts';
import { type AgentHarness, MODEL, startAgentHarness } from '../support/agent.ts';
import { app, podWhere, waitingReason } from '../support/investigation.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * The Workflow `agent` step with provider anthropic: seeded by the analyzers
 * on the alert's object, the scripted model calls a real tool, the step's
 * output carries the LLM report and its usage, which the WorkflowRun's
 * status.usage sums; progress lines go to the run's events.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'agent-step');
let agent: AgentHarness;

beforeAll(async () => {
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('api', {
      podLabels: {
        'sim.punchingfist.io/fault': 'crashloop',
        'sim.punchingfist.io/logs': 'crashloop-db',
      },
    }),
  });
  await podWhere(k, ns, 'api crash-looping', (p) => waitingReason(p) === 'CrashLoopBackOff');
  agent = await startAgentHarness(k);
}, 120_000);

afterAll(async () => {
  await agent?.close();
});

describe('agent step', () => {
  it('runs the agent with the Workflow budgets and records the report and the usage', async () => {
    const workflow = workflowSchema.parse({
      apiVersion: 'punchingfist.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'wf', namespace: ns },
      spec: {
        runtime: { provider: 'anthropic', model: MODEL, maxIterations: 5 },
        steps: [
          { name: 'ask', type: 'agent', goal: 'Why is api failing?', tools: ['events', 'logs'] },
        ],
      },
    });
    const event = {
      source: { namespace: ns, name: 'am', type: 'alertmanager' },
      workflow: 'wf',
      receivedAt: new Date().toISOString(),
      status: 'firing',
      fingerprint: 'f',
      title: `KubePodCrashLooping ${ns}/api`,
      labels: { namespace: ns, deployment: 'api' },
      annotations: {},
      alerts: [
        {
          fingerprint: 'a',
          status: 'firing',
          labels: { alertname: 'KubePodCrashLooping', namespace: ns, deployment: 'api' },
          annotations: {
            summary: 'api is crash looping',
            runbook_url: 'https://runbooks.example/crashloop',
          },
          startsAt: new Date().toISOString(),
        },
      ],
    } satisfies SourceEvent;
    const run = { name: 'wf-1', namespace: ns, workflow: 'wf' };
    const progress: string[] = [];
    const input = {
      run,
      event,
      context: buildContext(run, event, {}, {}),
      workflow,
      signal: new AbortController().signal,
      progress: (m: string) => progress.push(m),
    };
    agent.fake.script([
      {
        content: [
          { type: 'tool_use', name: 'events', input: { namespace: ns, warningsOnly: true } },
        ],
      },
      {
        content: [
          {
            type: 'tool_use',
            name: 'report',
            input: {
              summary: 'api crash-loops on its database.',
              rootCause: `Deployment ${ns}/api cannot reach postgres.`,
              confidence: 0.75,
              object: `Deployment/${ns}/api`,
            },
          },
        ],
      },
    ]);
    const step = createAgentStep({
      cluster: createKubeCluster(k.kc),
      clock: systemClock,
      defaultProvider: 'none',
      agent: {
        llm: () => ({ llm: agent.deps().llm, model: MODEL }),
        tools: { cluster: createKubeCluster(k.kc), clock: systemClock },
      },
    });

    const outcome = await step(workflow.spec.steps[0] as Parameters<typeof step>[0], input);

    expect(outcome).toMatchObject({
      type: 'succeeded',
      summary: 'api crash-loops on its database.',
    });
    if (outcome.type !== 'succeeded') throw new Error('failed');
    const output = outcome.output as {
      report: { analyzer: string; target: string };
      usage: { inputTokens: number };
    };
    expect(output.report).toMatchObject({ analyzer: 'llm', target: `Deployment/${ns}/api` });
    // Only the step's tools were offered (plus report); the trigger went in fenced.
    const sent = agent.fake.requests.at(-2)?.params;
    expect(sent?.tools?.map((t) => t.name)).toEqual(['logs', 'events', 'report']);
    expect(JSON.stringify(sent?.messages[0])).toContain('untrusted-data source=\\"trigger\\"');
    expect(progress).toContain(`events -n ${ns}`);
    const status = nextStatus(undefined, {
      phase: 'Succeeded',
      records: { ask: { name: 'ask', type: 'agent', phase: 'Succeeded', attempts: 1, output } },
      order: ['ask'],
      now: new Date(),
    });
    expect(status.usage?.inputTokens).toBeGreaterThan(0);
    expect(status.usage?.costUsd).toBeGreaterThan(0);
  });
});
