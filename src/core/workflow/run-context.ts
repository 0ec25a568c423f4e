import type { SourceEvent } from '../events/source-event.ts';
import type { WorkflowSpec } from '../resources/workflow.ts';
import type { StepPhase, StepRecords } from './step-record.ts';

/**
 * What templates (`{{steps.analyze.output.summary}}`, `{{event.labels.pod}}`,
 * `{{inputs.target}}`) and CEL expressions see: the event, the run's inputs,
 * the run itself, and every step that has a record so far.
 */
export interface RunRef {
  readonly name: string;
  readonly namespace: string;
  readonly workflow: string;
}

export interface RunContext {
  readonly run: RunRef;
  readonly event: SourceEvent;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly steps: Readonly<
    Record<string, { readonly phase: StepPhase; readonly output: unknown; readonly error: string }>
  >;
}

export function buildContext(
  run: RunRef,
  event: SourceEvent,
  inputs: Readonly<Record<string, unknown>>,
  records: StepRecords,
): RunContext {
  const steps = Object.fromEntries(
    Object.values(records).map((r) => [
      r.name,
      { phase: r.phase, output: r.output ?? null, error: r.error ?? '' },
    ]),
  );
  return { run, event, inputs, steps };
}

export type InputsResult =
  | { readonly ok: true; readonly inputs: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

/** The run's inputs: given values over the Workflow's defaults; a required one missing is an error. */
export function resolveInputs(
  spec: Pick<WorkflowSpec, 'inputs'>,
  given: Readonly<Record<string, unknown>> = {},
): InputsResult {
  const inputs: Record<string, unknown> = { ...given };
  const missing: string[] = [];
  for (const input of spec.inputs ?? []) {
    if (inputs[input.name] !== undefined) continue;
    if (input.default !== undefined) inputs[input.name] = input.default;
    else if (input.required) missing.push(input.name);
  }
  return missing.length === 0
    ? { ok: true, inputs }
    : { ok: false, error: `required input(s) not given: ${missing.join(', ')}` };
}
