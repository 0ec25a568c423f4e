import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportSchema } from '../../src/core/investigation/report.ts';
import { type AnthropicFake, createAnthropicFake } from '../fakes/anthropic/index.ts';
import { createOpenAiFake, type OpenAiFake } from '../fakes/openai/index.ts';
import { app, podWhere, waitingReason } from '../support/investigation.ts';
import { testNamespace } from '../support/kube.ts';

/**
 * `punchingfist investigate --llm anthropic|openai` and `punchingfist ask`
 * as a person runs them: the real binary, the real cluster, the LLM's HTTP
 * API faked (Anthropic's through the real SDK; an OpenAI-compatible one).
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'agent-cli');
let pod: string;
let anthropic: AnthropicFake;
let openai: OpenAiFake;

function cli(args: readonly string[], extra: Record<string, string> = {}) {
  const bin = path.join(import.meta.dirname, '../../bin/punchingfist.js');
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KUBECONFIG: env.KUBECONFIG,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const report = (namespace: string) => ({
  summary: 'web crash-loops: its database refuses connections.',
  rootCause: `Deployment ${namespace}/web cannot reach postgres (connection refused).`,
  confidence: 0.7,
  category: 'CrashLoopBackOff',
  object: `Deployment/${namespace}/web`,
  evidence: [
    { source: 'log', object: `Pod/${namespace}/web`, text: 'connect: connection refused' },
  ],
  proposals: [],
});

beforeAll(async () => {
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: app('web', {
      podLabels: {
        'sim.punchingfist.io/fault': 'crashloop',
        'sim.punchingfist.io/logs': 'crashloop-db',
      },
    }),
  });
  pod =
    (await podWhere(k, ns, 'web crash-looping', (p) => waitingReason(p) === 'CrashLoopBackOff'))
      .metadata?.name ?? '';
  anthropic = await createAnthropicFake();
  openai = await createOpenAiFake();
}, 120_000);

afterAll(async () => {
  await anthropic?.close();
  await openai?.close();
});

describe('the agent from the command line', () => {
  it('--llm anthropic without a key fails naming ANTHROPIC_API_KEY, before touching the cluster', async () => {
    const run = await cli(['investigate', 'deploy/web', '-n', ns, '--llm', 'anthropic']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ANTHROPIC_API_KEY');
    expect(run.stdout).toBe('');
  });

  it('investigate --llm anthropic runs the agent: tool calls on stderr, the LLM report on stdout', async () => {
    anthropic.script([
      {
        content: [
          { type: 'tool_use', name: 'logs', input: { namespace: ns, pod, previous: true } },
        ],
      },
      { content: [{ type: 'tool_use', name: 'report', input: report(ns) }] },
    ]);
    const run = await cli(['investigate', 'deploy/web', '-n', ns, '--llm', 'anthropic', '--json'], {
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: anthropic.url,
      LLM_MODEL: 'claude-sonnet-4-6',
    });
    expect(run.stderr).toContain(`→ logs ${ns}/${pod} --previous`);
    expect(run.stderr).toMatch(/anthropic claude-sonnet-4-6: 2 requests, \d+ input tokens/);
    expect(run.code).toBe(0);
    const printed = reportSchema.parse(JSON.parse(run.stdout));
    expect(printed).toMatchObject({ analyzer: 'llm', rootCause: report(ns).rootCause });
  });

  it('ask with an OpenAI-compatible endpoint answers through the same loop and the real tools', async () => {
    openai.script([
      { toolCalls: [{ name: 'list_resources', arguments: { kind: 'pod', namespace: ns } }] },
      { content: JSON.stringify(report(ns)) },
    ]);
    const run = await cli(
      ['ask', `why is deploy/web in ${ns} failing?`, '-n', ns, '--llm', 'openai', '--json'],
      {
        OPENAI_BASE_URL: openai.url,
        LLM_MODEL: 'qwen2.5:7b',
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`→ list Pod -n ${ns}`);
    expect(reportSchema.parse(JSON.parse(run.stdout))).toMatchObject({
      analyzer: 'llm',
      target: `Deployment/${ns}/web`,
    });
    const toolMessage = openai.requests[1]?.params?.messages.find((m) => m.role === 'tool');
    expect(toolMessage?.content).toContain(`Pod/${ns}/${pod}`);
    expect(toolMessage?.content).toContain('CrashLoopBackOff');
  });

  it('ask --llm none answers a question naming an object with the analyzers', async () => {
    const run = await cli([
      'ask',
      'what is wrong with deploy/web?',
      '-n',
      ns,
      '--llm',
      'none',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(reportSchema.parse(JSON.parse(run.stdout))).toMatchObject({ analyzer: 'deterministic' });
  });
});
