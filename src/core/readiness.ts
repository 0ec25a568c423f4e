import type { ConditionInput } from './conditions.ts';
import type { Sink, Source, Workflow } from './resources/index.ts';

/**
 * Whether a Source, Workflow or Sink is ready to use, beyond what its
 * schema checks: the references it makes must resolve. Pure: the caller
 * says what exists. The result becomes the `Ready` condition.
 */
export interface Lookup {
  workflow(namespace: string, name: string): Workflow | undefined;
  sink(namespace: string, name: string): Sink | undefined;
}

const ready = (
  generation: number | undefined,
  reason: string,
  message: string,
): ConditionInput => ({
  type: 'Ready',
  status: 'True',
  reason,
  message,
  ...(generation === undefined ? {} : { observedGeneration: generation }),
});

const notReady = (
  generation: number | undefined,
  reason: string,
  message: string,
): ConditionInput => ({
  type: 'Ready',
  status: 'False',
  reason,
  message,
  ...(generation === undefined ? {} : { observedGeneration: generation }),
});

export function assessSource(source: Source, lookup: Lookup): ConditionInput {
  const ns = source.metadata.namespace ?? 'default';
  const generation = source.metadata.generation;
  const ref = source.spec.workflowRef.name;
  if (lookup.workflow(ns, ref) === undefined) {
    return notReady(
      generation,
      'WorkflowNotFound',
      `spec.workflowRef.name: Workflow ${ns}/${ref} does not exist or is not valid`,
    );
  }
  return ready(generation, 'Valid', `receives ${source.spec.type} events for Workflow ${ref}`);
}

/** Checks a CEL expression's syntax (the library is an adapter): the error, or undefined. */
export type ExpressionCheck = (expression: string) => string | undefined;

/** Every CEL expression a Workflow holds, with the field it sits in. */
function expressionsOf(workflow: Workflow): { field: string; expression: string }[] {
  const steps = workflow.spec.steps.flatMap((step, i) =>
    step.type === 'conditional'
      ? [{ field: `spec.steps[${i}].expression`, expression: step.expression }]
      : [],
  );
  const sinks = (workflow.spec.sinks ?? []).flatMap((b, i) =>
    b.condition === undefined
      ? []
      : [{ field: `spec.sinks[${i}].condition`, expression: b.condition }],
  );
  const auto = workflow.spec.approvalPolicy.autoApproveIf;
  const rules = (workflow.spec.remediationPolicy?.rules ?? []).map((r, i) => ({
    field: `spec.remediationPolicy.rules[${i}].expression`,
    expression: r.expression,
  }));
  return [
    ...steps,
    ...sinks,
    ...rules,
    ...(auto === undefined
      ? []
      : [{ field: 'spec.approvalPolicy.autoApproveIf', expression: auto }]),
  ];
}

export function assessWorkflow(
  workflow: Workflow,
  lookup: Lookup,
  check?: ExpressionCheck,
): ConditionInput {
  const ns = workflow.metadata.namespace ?? 'default';
  const generation = workflow.metadata.generation;
  const bad =
    check === undefined
      ? []
      : expressionsOf(workflow).flatMap((e) => {
          const error = check(e.expression);
          return error === undefined ? [] : [{ field: e.field, message: `invalid CEL: ${error}` }];
        });
  if (bad.length > 0) return invalidSpec(generation, bad);
  const missing = (workflow.spec.sinks ?? [])
    .map((binding, i) => ({ i, name: binding.sinkRef.name }))
    .filter(({ name }) => lookup.sink(ns, name) === undefined);
  const first = missing[0];
  if (first !== undefined) {
    const names = missing.map((m) => m.name).join(', ');
    return notReady(
      generation,
      'SinkNotFound',
      `spec.sinks[${first.i}].sinkRef.name: Sink ${names} does not exist in ${ns} or is not valid`,
    );
  }
  return ready(generation, 'Valid', `${workflow.spec.steps.length} steps`);
}

/** Sink types whose delivery is not built yet: shown as not ready instead of silently dropped. */
export const unsupportedSinkTypes: ReadonlySet<Sink['spec']['type']> = new Set([
  'jira',
  'pagerduty',
]);

export function assessSink(sink: Sink): ConditionInput {
  if (unsupportedSinkTypes.has(sink.spec.type)) {
    return notReady(
      sink.metadata.generation,
      'Unsupported',
      `spec.type: delivery to ${sink.spec.type} is not implemented yet; runs skip this Sink`,
    );
  }
  return ready(sink.metadata.generation, 'Valid', `delivers to ${sink.spec.type}`);
}

export function invalidSpec(
  generation: number | undefined,
  problems: readonly { field: string; message: string }[],
): ConditionInput {
  const text = problems
    .slice(0, 5)
    .map((p) => `${p.field || '(object)'}: ${p.message}`)
    .join('; ');
  return notReady(generation, 'InvalidSpec', text);
}
