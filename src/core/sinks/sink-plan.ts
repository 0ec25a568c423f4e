import type { SourceEvent } from '../events/source-event.ts';
import { unsupportedSinkTypes } from '../readiness.ts';
import type { Sink, SinkSpec } from '../resources/sink.ts';
import type { Workflow } from '../resources/workflow.ts';
import type { RunPhase, WorkflowRun } from '../resources/workflow-run.ts';
import type { ExpressionEvaluator } from '../workflow/expression-evaluator.ts';
import type { RunContext, RunRef } from '../workflow/run-context.ts';
import { renderTemplate } from '../workflow/templates.ts';

/**
 * Which Sinks a finished run goes to, and what each gets: the Workflow's
 * binding condition and the Sink's own (CEL over the finished run) must
 * both hold; the Sink's mustache template (or a default per type) renders
 * the message. Pure: the adapter enqueues one delivery per planned Sink.
 */
export interface FinishedRun {
  readonly run: RunRef;
  readonly event: SourceEvent;
  readonly phase: RunPhase;
  readonly message: string;
  /** The recorded WorkflowRun, for outputs and step summaries; absent if it could not be read. */
  readonly record?: WorkflowRun;
}

export interface Delivery {
  /** run + sink: the same delivery is enqueued (and sent) once. */
  readonly id: string;
  readonly run: RunRef;
  readonly sink: { readonly namespace: string; readonly name: string };
  readonly spec: SinkSpec;
  readonly message: string;
  readonly event: SourceEvent;
  readonly phase: RunPhase;
}

export type Skipped = { readonly sink: string; readonly reason: string };

export interface Plan {
  readonly deliveries: readonly Delivery[];
  readonly skipped: readonly Skipped[];
}

/** What sink conditions and templates see: the run context plus the run's phase and outputs. */
export function sinkContext(finished: FinishedRun): RunContext & Record<string, unknown> {
  const status = finished.record?.status;
  const steps = Object.fromEntries(
    (status?.steps ?? []).map((s) => [
      s.name,
      { phase: s.phase, output: s.outputSummary ?? null, error: s.error ?? '' },
    ]),
  );
  return {
    run: finished.run,
    event: finished.event,
    inputs: {},
    steps,
    phase: finished.phase,
    message: finished.message,
    trigger: finished.record?.spec.trigger ?? {},
    outputs: status?.outputs ?? {},
  };
}

const defaultTemplate = `{{run.workflow}} run {{run.name}} {{phase}}: {{event.title}}{{#message}} — {{message}}{{/message}}`;

function holds(
  evaluator: ExpressionEvaluator,
  expression: string | undefined,
  context: Record<string, unknown>,
): true | string {
  if (expression === undefined) return true;
  const r = evaluator.evaluate(expression, context);
  if (!r.ok) return `condition failed to evaluate: ${r.error}`;
  return r.value === true ? true : `condition ${expression} is ${String(r.value)}`;
}

function planOne(
  finished: FinishedRun,
  sink: Sink,
  binding: string | undefined,
  evaluator: ExpressionEvaluator,
  context: RunContext & Record<string, unknown>,
): Delivery | string {
  if (unsupportedSinkTypes.has(sink.spec.type)) return `${sink.spec.type} is not supported yet`;
  for (const expression of [binding, sink.spec.condition]) {
    const ok = holds(evaluator, expression, context);
    if (ok !== true) return ok;
  }
  const rendered = renderTemplate(sink.spec.template ?? defaultTemplate, context);
  if (!rendered.ok) return `template: ${rendered.error}`;
  const namespace = sink.metadata.namespace ?? finished.run.namespace;
  return {
    id: `${finished.run.name}.${sink.metadata.name}`,
    run: finished.run,
    sink: { namespace, name: sink.metadata.name },
    spec: sink.spec,
    message: rendered.value,
    event: finished.event,
    phase: finished.phase,
  };
}

export function planDeliveries(
  finished: FinishedRun,
  workflow: Pick<Workflow, 'spec'>,
  sinkOf: (name: string) => Sink | undefined,
  evaluator: ExpressionEvaluator,
  accept: (sink: Sink) => boolean = () => true,
): Plan {
  const context = sinkContext(finished);
  const deliveries: Delivery[] = [];
  const skipped: Skipped[] = [];
  for (const binding of workflow.spec.sinks ?? []) {
    const sink = sinkOf(binding.sinkRef.name);
    if (sink === undefined) {
      skipped.push({ sink: binding.sinkRef.name, reason: 'Sink not found' });
      continue;
    }
    if (!accept(sink)) continue;
    const planned = planOne(finished, sink, binding.condition, evaluator, context);
    if (typeof planned === 'string') skipped.push({ sink: binding.sinkRef.name, reason: planned });
    else deliveries.push(planned);
  }
  return { deliveries, skipped };
}
