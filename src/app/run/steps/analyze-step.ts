import type { Analyzer } from '../../../core/analyzers/index.ts';
import { analyzers as allAnalyzers } from '../../../core/analyzers/index.ts';
import { investigate } from '../../../core/investigation/investigate.ts';
import { reportSchema } from '../../../core/investigation/report.ts';
import { parseTarget, type TargetSpec } from '../../../core/investigation/target.ts';
import type { Clock, ClusterPort } from '../../../core/ports.ts';
import type { StepOutcome } from '../../../core/workflow/step-record.ts';
import { analyzerNames } from './analyzer-names.ts';
import { errorText, type StepExecutor, type StepInput } from './step-executor.ts';

/**
 * `analyze`: the deterministic investigation of the step's target, or of
 * the object the event's alert labels name. Output: the report (summary,
 * rootCause, confidence, findings, proposals), validated by its schema.
 */
export interface AnalyzeDeps {
  readonly cluster: ClusterPort;
  readonly clock: Clock;
}

interface Target {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | undefined;
}

function targetOf(target: Target | undefined, input: StepInput): TargetSpec | string {
  if (target !== undefined) {
    const namespace = target.namespace ?? input.run.namespace;
    const parsed = parseTarget(`${target.kind}/${target.name}`, namespace);
    return parsed.ok ? parsed.target : parsed.message;
  }
  const labels = { ...input.event.alerts[0]?.labels, ...input.event.labels };
  const namespace = labels.namespace;
  return { by: 'labels', labels, ...(namespace === undefined ? {} : { namespace }) };
}

function pickAnalyzers(names: readonly string[] | undefined): readonly Analyzer[] | string {
  if (names === undefined || names.length === 0) return allAnalyzers;
  const picked = names.map((n) => analyzerNames[n]);
  const unknown = names.filter((_, i) => picked[i] === undefined);
  if (unknown.length > 0) {
    const known = Object.keys(analyzerNames).join(', ');
    return `unknown analyzer(s) ${unknown.join(', ')}; known: ${known}`;
  }
  return picked.filter((a): a is Analyzer => a !== undefined);
}

export async function analyzeTarget(
  deps: AnalyzeDeps,
  input: StepInput,
  target: Target | undefined,
  names?: readonly string[],
): Promise<StepOutcome> {
  const spec = targetOf(target, input);
  const analyzers = pickAnalyzers(names);
  if (typeof spec === 'string') return { type: 'failed', error: spec, retryable: false };
  if (typeof analyzers === 'string') return { type: 'failed', error: analyzers, retryable: false };
  try {
    const result = await investigate({ cluster: deps.cluster, clock: deps.clock, analyzers }, spec);
    if (!result.ok) return { type: 'failed', error: result.message, retryable: false };
    const report = reportSchema.parse(result.report);
    return { type: 'succeeded', output: report, summary: report.summary };
  } catch (err) {
    return { type: 'failed', error: `investigation failed: ${errorText(err)}` };
  }
}

export function createAnalyzeStep(deps: AnalyzeDeps): StepExecutor<'analyze'> {
  return (step, input) => analyzeTarget(deps, input, step.target, step.analyzers);
}
