import { z } from 'zod';
import {
  addUsage,
  type LlmMessage,
  type LlmPort,
  type LlmResponse,
  type LlmToolCall,
  type LlmToolResult,
  noUsage,
} from '../../core/agent/llm.ts';
import { isAppError } from '../../core/errors.ts';
import type { Report } from '../../core/investigation/report.ts';
import { reportSchema } from '../../core/investigation/report.ts';
import type { Clock } from '../../core/ports.ts';
import type { AgentTool } from '../tools/tool.ts';
import { type AgentMetrics, recordUsage } from './agent-metrics.ts';
import type { AgentResult, StopReason } from './agent-result.ts';
import {
  type AgentBudgets,
  describeExhaustion,
  exhausted,
  type Spent,
  turnMaxTokens,
} from './budget.ts';
import {
  type AnswerParse,
  answerSchema,
  jsonInText,
  parseAnswer,
  reportFromAnswer,
} from './final-answer.ts';
import { costOf, type PriceTable } from './pricing.ts';
import { type Briefing, firstMessage, systemPrompt } from './system-prompt.ts';
import { ToolRunner, toolDefinitions } from './tool-runner.ts';

/**
 * The tool loop: the model reads the briefing (question, trigger, the
 * analyzers' findings), calls read-only tools until it knows, and ends with
 * a report. Budgets are checked before every round trip; exhaustion, an
 * LLM error or an answer that stays invalid after one repair turn end the
 * run with the deterministic analysis, marked partial.
 */
export interface AgentDeps {
  readonly llm: LlmPort;
  readonly model: string;
  readonly tools: readonly AgentTool[];
  readonly clock: Clock;
  readonly budgets: AgentBudgets;
  readonly metrics?: AgentMetrics | undefined;
  readonly prices?: PriceTable;
  readonly progress?: (message: string) => void;
  readonly signal?: AbortSignal;
  /**
   * false: tool output goes to the model raw (API JSON, whole logs), not
   * compacted or capped — the baseline of bench/investigate-tokens.ts.
   * Default true.
   */
  readonly compaction?: boolean;
}

export interface AgentTask extends Briefing {
  /** The object investigated (`Deployment/shop/web`), or the question's subject. */
  readonly target: string;
}

const reportTool = {
  name: 'report',
  description:
    'Finish: hand in the final report. Call it once, when you know the root cause (or that nothing is wrong).',
  inputSchema: z.toJSONSchema(answerSchema, { io: 'input' }) as Record<string, unknown>,
};

class AgentRun {
  private readonly messages: LlmMessage[] = [];
  private readonly notes: string[] = [];
  private readonly warnings: string[] = [];
  private readonly runner: ToolRunner;
  private readonly started: number;
  private usage = noUsage;
  private iterations = 0;
  private repaired = false;
  private model: string;

  constructor(
    private readonly deps: AgentDeps,
    private readonly task: AgentTask,
  ) {
    this.started = deps.clock.now().getTime();
    this.model = deps.model;
    this.runner = new ToolRunner({
      tools: deps.tools,
      metrics: deps.metrics,
      progress: this.progress,
      ...(deps.compaction === undefined ? {} : { compaction: deps.compaction }),
    });
    this.messages.push({ role: 'user', content: [{ type: 'text', text: firstMessage(task) }] });
  }

  private readonly progress = (message: string): void => this.deps.progress?.(message);

  private spent(): Spent {
    return {
      iterations: this.iterations,
      usage: this.usage,
      elapsedMs: this.deps.clock.now().getTime() - this.started,
    };
  }

  async run(): Promise<AgentResult> {
    const deadline = AbortSignal.timeout(Math.max(1, this.deps.budgets.timeoutMs));
    const signal =
      this.deps.signal === undefined ? deadline : AbortSignal.any([deadline, this.deps.signal]);
    for (;;) {
      const over = exhausted(this.deps.budgets, this.spent());
      if (over !== undefined)
        return this.partial(over, describeExhaustion(over, this.deps.budgets, this.spent()));
      const response = await this.ask(signal);
      if ('failed' in response) return this.partial(response.reason, response.failed);
      const next = await this.afterTurn(response, signal);
      if (next !== undefined) return next;
    }
  }

  private async ask(
    signal: AbortSignal,
  ): Promise<LlmResponse | { failed: string; reason: StopReason }> {
    this.iterations += 1;
    let thought = '';
    try {
      const response = await this.deps.llm.complete({
        model: this.model,
        system: systemPrompt,
        messages: this.messages,
        tools: [...toolDefinitions(this.deps.tools), reportTool],
        maxTokens: turnMaxTokens(this.deps.budgets, this.spent()),
        signal,
        onText: (delta) => {
          thought += delta;
        },
      });
      this.account(response);
      if (thought.trim() !== '') this.progress(`thinking: ${thought.trim().slice(0, 200)}`);
      return response;
    } catch (err) {
      const message = isAppError(err) ? `${err.code}: ${err.message}` : String(err);
      const timedOut = signal.aborted && !(this.deps.signal?.aborted ?? false);
      return timedOut
        ? {
            failed: describeExhaustion('timeout', this.deps.budgets, this.spent()),
            reason: 'timeout',
          }
        : { failed: `LLM error: ${message}`, reason: 'llm_error' };
    }
  }

  private account(response: LlmResponse): void {
    this.usage = addUsage(this.usage, response.usage);
    this.model = response.model || this.model;
    const labels = { provider: this.deps.llm.provider, model: this.deps.model };
    recordUsage(
      this.deps.metrics,
      labels,
      response.usage,
      costOf(this.deps.model, response.usage, this.deps.prices),
    );
  }

  private async afterTurn(
    response: LlmResponse,
    signal: AbortSignal,
  ): Promise<AgentResult | undefined> {
    this.messages.push({ role: 'assistant', content: response.content });
    const text = response.content
      .flatMap((c) => (c.type === 'text' ? [c.text] : []))
      .join('\n')
      .trim();
    if (text !== '') this.notes.push(text);
    const calls = response.content.filter((c): c is LlmToolCall => c.type === 'tool_use');
    const reportCall = calls.find((c) => c.name === 'report');
    if (reportCall !== undefined) return this.onReport(reportCall, calls, signal);
    if (calls.length === 0) return this.onText(text);
    this.progress(`tools: ${calls.map((c) => c.name).join(', ')}`);
    const results = await this.runner.runAll(calls, signal);
    this.messages.push({ role: 'user', content: results });
    return undefined;
  }

  private async onReport(call: LlmToolCall, calls: readonly LlmToolCall[], signal: AbortSignal) {
    const parsed = parseAnswer(call.input);
    if (parsed.ok) return this.answered(parsed);
    const others = await this.runner.runAll(
      calls.filter((c) => c !== call),
      signal,
    );
    const repair: LlmToolResult = {
      type: 'tool_result',
      toolUseId: call.id,
      isError: true,
      text: `The report does not match the schema: ${parsed.error}. Call report again with a corrected report.`,
    };
    return this.repairOr(parsed.error, [...others, repair]);
  }

  private onText(text: string): AgentResult | undefined {
    const parsed: AnswerParse =
      text === ''
        ? { ok: false, error: 'empty answer' }
        : parseAnswer(jsonInText(text) ?? { summary: text });
    if (parsed.ok) return this.answered(parsed);
    return this.repairOr(parsed.error, [
      {
        type: 'text',
        text: `Your final answer is not a valid report: ${parsed.error}. Call the report tool with a valid report now.`,
      },
    ]);
  }

  private repairOr(error: string, content: LlmMessage['content']): AgentResult | undefined {
    if (this.repaired)
      return this.partial(
        'invalid_answer',
        `the model's report stayed invalid after one repair turn: ${error}`,
      );
    this.repaired = true;
    this.progress(`report invalid, asking once for a fix: ${error.slice(0, 200)}`);
    this.messages.push({ role: 'user', content });
    return undefined;
  }

  private answered(parsed: Extract<AnswerParse, { ok: true }>): AgentResult {
    for (const w of parsed.warnings) this.progress(`warning: ${w}`);
    const report = reportFromAnswer(parsed.answer, parsed.proposals, {
      target: this.task.target,
      deterministic: this.task.seed,
      durationMs: this.spent().elapsedMs,
      warnings: [...this.warnings, ...parsed.warnings],
    });
    this.deps.metrics?.runs.inc({ provider: this.deps.llm.provider, outcome: 'answered' });
    return this.result(report, 'answered');
  }

  private partial(reason: StopReason, detail: string): AgentResult {
    this.progress(`agent stopped: ${detail}`);
    this.deps.metrics?.runs.inc({ provider: this.deps.llm.provider, outcome: 'partial' });
    return {
      ...this.result(fallbackReport(this.task, detail, this.notes, this.spent().elapsedMs), reason),
      stopDetail: detail,
    };
  }

  private result(report: Report, stopReason: StopReason): AgentResult {
    return {
      report,
      deterministic: this.task.seed,
      partial: stopReason !== 'answered',
      stopReason,
      notes: this.notes,
      toolCalls: this.runner.calls,
      usage: {
        ...this.usage,
        provider: this.deps.llm.provider,
        model: this.model,
        costUsd: costOf(this.deps.model, this.usage, this.deps.prices),
        requests: this.iterations,
      },
    };
  }
}

/** The analyzers' report, marked partial, saying why the agent stopped and what it last thought. */
export function fallbackReport(
  task: AgentTask,
  detail: string,
  notes: readonly string[],
  elapsedMs: number,
): Report {
  const lastNote = notes.at(-1);
  const warnings = [
    `LLM agent stopped early: ${detail}`,
    ...(lastNote === undefined ? [] : [`agent's last note: ${lastNote.slice(0, 1000)}`]),
  ];
  const seed = task.seed;
  if (seed !== undefined) {
    return reportSchema.parse({
      ...seed,
      partial: true,
      warnings: [...seed.warnings, ...warnings],
    });
  }
  return reportSchema.parse({
    target: task.target,
    summary: `No answer: ${detail}`,
    rootCause: null,
    confidence: 0,
    findings: [],
    proposals: [],
    partial: true,
    warnings,
    analyzer: 'deterministic',
    durationMs: Math.max(0, Math.round(elapsedMs)),
  });
}

export function runAgent(deps: AgentDeps, task: AgentTask): Promise<AgentResult> {
  return new AgentRun(deps, task).run();
}
