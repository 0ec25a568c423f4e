import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Report } from '../../src/core/investigation/report.ts';
import {
  type AgentHarness,
  metricValue,
  startAgentHarness,
  toolResultsSent,
} from '../support/agent.ts';
import { app, podWhere, rootCauseOf, waitingReason } from '../support/investigation.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * The LLM agent end to end: the real @anthropic-ai/sdk against the
 * Anthropic fake, a scripted model calling the real tools on the real
 * cluster (a crash-looping Deployment), the report, the budgets, the
 * provider's failures and the repair turn.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'agent');
let pod: string;
let seed: Report;
let agent: AgentHarness;

const validReport = (namespace: string) => ({
  summary: 'checkout crash-loops: it cannot reach its database.',
  rootCause: `Deployment ${namespace}/checkout cannot connect to postgres (connection refused).`,
  confidence: 0.8,
  category: 'CrashLoopBackOff',
  object: `Deployment/${namespace}/checkout`,
  evidence: [
    { source: 'log', object: `Pod/${namespace}/x-1`, text: 'connect: connection refused' },
  ],
  proposals: [
    {
      action: 'rollout_restart',
      target: `Deployment/${namespace}/checkout`,
      params: {},
      rationale: 'after the database is back',
    },
  ],
});

beforeAll(async () => {
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('checkout', {
      podLabels: {
        'sim.punchingfist.io/fault': 'crashloop',
        'sim.punchingfist.io/logs': 'crashloop-db',
      },
    }),
  });
  const crasher = await podWhere(
    k,
    ns,
    'checkout crash-looping',
    (p) => waitingReason(p) === 'CrashLoopBackOff',
  );
  pod = crasher.metadata?.name ?? '';
  seed = (await rootCauseOf(k, 'deploy/checkout', ns, 'CrashLoopBackOff')).report;
  agent = await startAgentHarness(k);
}, 120_000);

afterAll(async () => {
  await agent?.close();
});

describe('the LLM agent through the Anthropic fake', () => {
  it('investigates a crash-looping Deployment with the real tools and reports it, reading the prompt cache on the second turn', async () => {
    agent.fake.script([
      {
        content: [
          { type: 'text', text: 'Let me look at the Deployment and the crashed container.' },
          {
            type: 'tool_use',
            name: 'describe',
            input: { kind: 'deploy', name: 'checkout', namespace: ns },
          },
          { type: 'tool_use', name: 'logs', input: { namespace: ns, pod, previous: true } },
        ],
      },
      { content: [{ type: 'tool_use', name: 'report', input: validReport(ns) }] },
    ]);

    const result = await agent.investigate(`Deployment/${ns}/checkout`, seed);

    expect(result.stopReason).toBe('answered');
    expect(result.report).toMatchObject({
      analyzer: 'llm',
      partial: false,
      target: `Deployment/${ns}/checkout`,
    });
    expect(result.report.findings[0]?.object).toBe(`Deployment/${ns}/checkout`);
    expect(result.report.proposals).toEqual([
      expect.objectContaining({ action: 'rollout_restart' }),
    ]);
    // The tools really ran against the cluster; their output went back fenced as data.
    const results = toolResultsSent(agent.fake, 1);
    expect(results).toHaveLength(2);
    expect(results[0]?.text).toMatch(/^<untrusted-data source="describe">\n/);
    expect(results[0]?.text).toContain('name: checkout');
    expect(results[0]?.text).not.toContain('managedFields');
    expect(results[1]?.text).toContain('<untrusted-data source="logs">');
    expect(results[1]?.text).toContain('FATAL could not connect to database');
    // Seeded with the analyzers' findings; cache breakpoints on system, tools and the conversation tail.
    const first = agent.fake.requests[0]?.body as {
      system: { cache_control?: unknown }[];
      tools: { cache_control?: unknown }[];
      messages: { content: { text?: string }[] }[];
    };
    expect(first.messages[0]?.content[0]?.text).toContain('[CrashLoopBackOff/');
    expect(first.system[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(first.tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(result.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(result.usage.costUsd).toBeGreaterThan(0);
    expect(agent.progress).toContain(`logs ${ns}/${pod} --previous`);
    expect(
      await metricValue(agent.registry, 'punchingfist_agent_tool_calls_total', {
        tool: 'logs',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      await metricValue(agent.registry, 'punchingfist_llm_tokens_total', { type: 'cache_read' }),
    ).toBe(result.usage.cacheReadTokens);
  });

  it('ends a model that never stops calling tools at the iteration budget: partial, with the deterministic analysis', async () => {
    let n = 0;
    agent.fake.respond(() => ({
      content: [
        {
          type: 'tool_use',
          name: 'list_resources',
          input: { kind: 'pod', namespace: ns, limit: 10 + n++ },
        },
      ],
    }));
    const before = agent.fake.requests.length;

    const result = await agent.investigate(`Deployment/${ns}/checkout`, seed, { maxIterations: 3 });
    agent.fake.respond(undefined);

    expect(result.stopReason).toBe('max_iterations');
    expect(agent.fake.requests.length - before).toBe(3);
    expect(result.report).toMatchObject({
      partial: true,
      analyzer: 'deterministic',
      rootCause: seed.rootCause,
    });
    expect(result.report.findings).toEqual(seed.findings);
    expect(result.report.warnings.join('\n')).toContain('iteration budget used up');
  });

  it('ends at the input token budget', async () => {
    agent.fake.respond(() => ({
      content: [{ type: 'tool_use', name: 'events', input: { namespace: ns } }],
    }));
    const result = await agent.investigate(`Deployment/${ns}/checkout`, seed, {
      maxInputTokens: 1000,
    });
    agent.fake.respond(undefined);
    expect(result.stopReason).toBe('input_tokens');
    expect(result.usage.requests).toBe(1);
    expect(result.report.partial).toBe(true);
  });

  it('returns the analyzers’ report, partial, when the API is overloaded (529) or does not answer in time', async () => {
    agent.fake.failNext({ status: 529 });
    const overloaded = await agent.investigate(`Deployment/${ns}/checkout`, seed);
    expect(overloaded.stopReason).toBe('llm_error');
    expect(overloaded.stopDetail).toContain('upstream_unavailable');
    expect(overloaded.report).toMatchObject({ partial: true, findings: seed.findings });

    agent.fake.failNext({ hang: true });
    const hung = await agent.investigate(`Deployment/${ns}/checkout`, seed, { timeoutMs: 1_500 });
    expect(hung.stopReason).toBe('timeout');
    expect(hung.report).toMatchObject({ partial: true, rootCause: seed.rootCause });
  });

  it('gives an invalid report back once with the zod error, and accepts the repaired one', async () => {
    agent.fake.script([
      {
        content: [
          { type: 'tool_use', name: 'report', input: { ...validReport(ns), confidence: 7 } },
        ],
      },
      { content: [{ type: 'tool_use', name: 'report', input: validReport(ns) }] },
    ]);
    const before = agent.fake.requests.length;
    const result = await agent.investigate(`Deployment/${ns}/checkout`, seed);
    expect(result.stopReason).toBe('answered');
    expect(result.report.confidence).toBe(0.8);
    const repair = toolResultsSent(agent.fake, before + 1);
    expect(repair).toEqual([
      { isError: true, text: expect.stringContaining('confidence: Too big') },
    ]);

    agent.fake.script([
      { content: [{ type: 'text', text: 'The database is down.' }] },
      { content: [{ type: 'text', text: '{"summary": "still not JSON enough"}' }] },
    ]);
    const stubborn = await agent.investigate(`Deployment/${ns}/checkout`, seed);
    expect(stubborn.stopReason).toBe('invalid_answer');
    expect(stubborn.report).toMatchObject({ partial: true, analyzer: 'deterministic' });
  });
});
