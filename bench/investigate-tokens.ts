/**
 * `npm run bench -- investigate-tokens`: what compaction saves on whole
 * investigations. For each scenario in the test cluster (a crash loop after
 * a bad config rollout, OOMKilled, a missing ConfigMap) the SAME scripted
 * tool sequence runs through the agent loop (real tools, real cluster, the
 * real Anthropic SDK against the Anthropic fake) twice: with compaction,
 * and with it off (AgentDeps.compaction = false: the tools answer with the
 * API's JSON and whole logs, nothing capped). The fake counts the input
 * tokens of every request (test/fakes/anthropic/token-estimate.ts); the
 * target is compacted/raw <= 0.35 per scenario and over the set. Cost at
 * Claude Sonnet list prices (src/agent/loop/pricing.ts).
 */
import Anthropic from '@anthropic-ai/sdk';
import * as k8s from '@kubernetes/client-node';
import { current } from '../scripts/testenv/testenv.ts';
import { createKubeCluster } from '../src/adapters/kube/index.ts';
import type { AgentResult } from '../src/agent/loop/agent-result.ts';
import { runAgent } from '../src/agent/loop/run-agent.ts';
import { createAnthropicLlm } from '../src/agent/providers/anthropic-llm.ts';
import { createAgentTools } from '../src/agent/tools/index.ts';
import { investigate } from '../src/core/investigation/investigate.ts';
import type { Report } from '../src/core/investigation/report.ts';
import { systemClock } from '../src/core/ports.ts';
import {
  createAnthropicFake,
  type RequestMessage,
  type ScriptedTurn,
  tokensOf,
} from '../test/fakes/anthropic/index.ts';
import {
  badConfigRollout,
  deleteScenario,
  missingConfigMap,
  oomKilledApp,
  type Scenario,
  type ScenarioCluster,
  scenarioCluster,
  seedScenarioLogs,
} from './investigate-tokens/scenarios.ts';

const model = 'claude-sonnet-4-6';
const target = 0.35;

/** The scripted model: one tool call per turn (each turn re-sends all earlier results), then the report. */
function script(s: Scenario): ScriptedTurn[] {
  const ns = s.namespace;
  const calls: [string, Record<string, unknown>][] = [
    ['describe', { kind: 'Deployment', name: s.deployment, namespace: ns }],
    ['list_resources', { kind: 'Pod', namespace: ns }],
    ['describe', { kind: 'Pod', name: s.pod, namespace: ns }],
    ['logs', { namespace: ns, pod: s.pod, previous: s.previousLogs }],
    ['events', { namespace: ns, warningsOnly: true }],
    ['rollout_history', { kind: 'Deployment', name: s.deployment, namespace: ns }],
    ['list_resources', { kind: 'ReplicaSet', namespace: ns }],
  ];
  const report = {
    summary: `${s.name}: ${s.rootCause}`,
    rootCause: s.rootCause,
    confidence: 0.8,
    category: s.category,
    object: `Deployment/${ns}/${s.deployment}`,
    evidence: [{ source: 'event', object: `Pod/${ns}/${s.pod}`, text: s.rootCause }],
    proposals: [],
  };
  return [
    ...calls.map(([name, input]) => ({ content: [{ type: 'tool_use' as const, name, input }] })),
    { content: [{ type: 'tool_use', name: 'report', input: report }] },
  ];
}

interface Run {
  readonly result: AgentResult;
  /** Tokens of the tool results as the model last saw them (each counted once). */
  readonly toolTokens: number;
}

function toolResultTokens(messages: readonly RequestMessage[]): number {
  return messages
    .flatMap((m) => (typeof m.content === 'string' ? [] : m.content))
    .reduce((sum, b) => sum + (b.type === 'tool_result' ? tokensOf(b.content) : 0), 0);
}

async function runOnce(
  kc: k8s.KubeConfig,
  s: Scenario,
  seed: Report | undefined,
  compaction: boolean,
): Promise<Run> {
  const fake = await createAnthropicFake();
  try {
    fake.script(script(s));
    const client = new Anthropic({ apiKey: 'sk-ant-bench', baseURL: fake.url, maxRetries: 0 });
    const result = await runAgent(
      {
        llm: createAnthropicLlm(client),
        model,
        tools: createAgentTools({ cluster: createKubeCluster(kc), clock: systemClock }),
        clock: systemClock,
        budgets: {
          maxIterations: 20,
          maxInputTokens: 50_000_000,
          maxOutputTokens: 100_000,
          timeoutMs: 120_000,
        },
        compaction,
      },
      {
        target: `Deployment/${s.namespace}/${s.deployment}`,
        question: `Investigate Deployment/${s.namespace}/${s.deployment}: what is wrong and why?`,
        seed,
      },
    );
    const last = fake.requests.at(-1)?.params?.messages ?? [];
    return { result, toolTokens: toolResultTokens(last) };
  } finally {
    await fake.close();
  }
}

const inputTokens = (r: Run) =>
  r.result.usage.inputTokens + r.result.usage.cacheReadTokens + r.result.usage.cacheWriteTokens;

interface Row {
  readonly scenario: string;
  /** How big the scenario's namespace is when the investigation starts. */
  readonly size: string;
  readonly compacted: Run;
  readonly raw: Run;
}

function check(row: Row): string | undefined {
  const outcomes = (r: Run) => r.result.toolCalls.map((c) => `${c.tool}:${c.outcome}`).join(',');
  const stops = [row.compacted, row.raw].map((r) => r.result.stopReason);
  if (stops.some((s) => s !== 'answered'))
    return `${row.scenario}: a run did not end with the report (${stops.join(', ')})`;
  if (outcomes(row.compacted) !== outcomes(row.raw))
    return `${row.scenario}: the two runs made different tool calls (${outcomes(row.compacted)} vs ${outcomes(row.raw)})`;
  return undefined;
}

const verdict = (ratio: number) => `${ratio.toFixed(3)} ${ratio <= target ? 'PASS' : 'FAIL'}`;
const cell = (r: Run) =>
  `${String(inputTokens(r)).padStart(6)} tok $${r.result.usage.costUsd.toFixed(4)} (tool output ${String(r.toolTokens).padStart(5)} tok)`;

function line(row: Row): string {
  const ratio = inputTokens(row.compacted) / inputTokens(row.raw);
  const toolRatio = row.compacted.toolTokens / row.raw.toolTokens;
  return `  ${row.scenario.padEnd(38)} compacted ${cell(row.compacted)} | raw ${cell(row.raw)} | input ratio ${verdict(ratio)} | tool-output ratio ${toolRatio.toFixed(3)}`;
}

async function sizeOf(c: ScenarioCluster, s: Scenario): Promise<string> {
  const namespace = s.namespace;
  const pods = (await c.core.listNamespacedPod({ namespace })).items.length;
  const replicaSets = (await c.apps.listNamespacedReplicaSet({ namespace })).items.length;
  const warnings = (await c.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' }))
    .items.length;
  const log = s.previousLogs
    ? await c.core
        .readNamespacedPodLog({ name: s.pod, namespace, previous: true })
        .then((text) => `${text.split('\n').filter((l) => l !== '').length} log lines`)
        .catch(() => 'no previous log')
    : 'no log (container never started)';
  return `${pods} pods, ${replicaSets} ReplicaSets, ${warnings} Warning events, ${log}`;
}

async function scenarioRow(
  kc: k8s.KubeConfig,
  c: ScenarioCluster,
  build: (c: ScenarioCluster) => Promise<Scenario>,
): Promise<Row> {
  const s = await build(c);
  try {
    const size = await sizeOf(c, s);
    const found = await investigate(
      { cluster: createKubeCluster(kc), clock: systemClock },
      { by: 'ref', kind: 'Deployment', name: s.deployment, namespace: s.namespace },
    );
    const seed = found.ok ? found.report : undefined;
    const compacted = await runOnce(kc, s, seed, true);
    const raw = await runOnce(kc, s, seed, false);
    return { scenario: s.name, size, compacted, raw };
  } finally {
    await deleteScenario(c, s);
  }
}

function summary(rows: readonly Row[]): string {
  const sum = (pick: (r: Row) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const small = sum((r) => inputTokens(r.compacted));
  const raw = sum((r) => inputTokens(r.raw));
  const mean = (n: number) => Math.round(n / rows.length);
  const cost = (pick: (r: Row) => Run) =>
    (sum((r) => pick(r).result.usage.costUsd) / rows.length).toFixed(4);
  const tools = sum((r) => r.compacted.toolTokens) / sum((r) => r.raw.toolTokens);
  return `  per investigation (mean): compacted ${mean(small)} tok $${cost((r) => r.compacted)}, raw ${mean(raw)} tok $${cost((r) => r.raw)}; overall input ratio ${verdict(small / raw)} (target <= ${target}); tool-output ratio ${tools.toFixed(3)}`;
}

/** Returns false when the bench broke (a run did not finish as scripted); prints PASS/FAIL per target. */
export async function runInvestigateTokensBench(): Promise<boolean> {
  const testenv = current();
  if (testenv === undefined) throw new Error('no test environment: run `npm run testenv:up`');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(testenv.env.KUBECONFIG);
  seedScenarioLogs(testenv.env.KUBECONFIG);
  const c = scenarioCluster(kc);
  const rows: Row[] = [];
  for (const build of [badConfigRollout, oomKilledApp, missingConfigMap])
    rows.push(await scenarioRow(kc, c, build));
  console.log(`  model ${model}, 7 tool calls + report per investigation, one call per turn`);
  for (const row of rows) console.log(line(row));
  for (const row of rows) console.log(`  size: ${row.scenario}: ${row.size}`);
  console.log(summary(rows));
  const broken = rows.flatMap((r) => check(r) ?? []);
  for (const b of broken) console.error(`  BROKEN ${b}`);
  return broken.length === 0;
}
