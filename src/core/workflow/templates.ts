import Mustache from 'mustache';
import type { WorkflowStep } from '../resources/workflow-steps.ts';
import type { RunContext } from './run-context.ts';

/**
 * Mustache over the run context. Nothing is HTML-escaped (outputs are
 * plain text, not HTML); an object or list in `{{…}}` renders as JSON
 * instead of "[object Object]".
 */
export type RenderResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const plain = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

export function renderTemplate(template: string, context: RunContext): RenderResult<string> {
  try {
    return { ok: true, value: Mustache.render(template, context, {}, { escape: plain }) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Renders every string in a JSON-like value (remediate params). */
function renderDeep(value: unknown, context: RunContext, at: string): RenderResult<unknown> {
  if (typeof value === 'string') {
    const r = renderTemplate(value, context);
    return r.ok ? r : { ok: false, error: `${at}: ${r.error}` };
  }
  if (Array.isArray(value)) return renderEntries(Object.entries(value), context, at, true);
  if (typeof value === 'object' && value !== null) {
    return renderEntries(Object.entries(value), context, at, false);
  }
  return { ok: true, value };
}

function renderEntries(
  entries: [string, unknown][],
  context: RunContext,
  at: string,
  asList: boolean,
): RenderResult<unknown> {
  const out: [string, unknown][] = [];
  for (const [key, item] of entries) {
    const r = renderDeep(item, context, `${at}.${key}`);
    if (!r.ok) return r;
    out.push([key, r.value]);
  }
  return { ok: true, value: asList ? out.map(([, v]) => v) : Object.fromEntries(out) };
}

function renderAll(
  values: Readonly<Record<string, string | undefined>>,
  context: RunContext,
): RenderResult<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(values)) {
    if (template === undefined) continue;
    const r = renderTemplate(template, context);
    if (!r.ok) return { ok: false, error: `${key}: ${r.error}` };
    out[key] = r.value;
  }
  return { ok: true, value: out };
}

type Step<T extends WorkflowStep['type']> = Extract<WorkflowStep, { type: T }>;

function renderAnalyze(step: Step<'analyze'>, context: RunContext): RenderResult<WorkflowStep> {
  if (step.target === undefined) return { ok: true, value: step };
  const r = renderAll(step.target, context);
  if (!r.ok) return r;
  const { kind = '', name = '', namespace } = r.value;
  const target = { kind, name, ...(namespace === undefined ? {} : { namespace }) };
  return { ok: true, value: { ...step, target } };
}

function renderCli(step: Step<'cli'>, context: RunContext): RenderResult<WorkflowStep> {
  const args: string[] = [];
  for (const [i, arg] of (step.args ?? []).entries()) {
    const r = renderTemplate(arg, context);
    if (!r.ok) return { ok: false, error: `args.${i}: ${r.error}` };
    args.push(r.value);
  }
  return { ok: true, value: step.args === undefined ? step : { ...step, args } };
}

function renderRemediate(step: Step<'remediate'>, context: RunContext): RenderResult<WorkflowStep> {
  if (step.params === undefined) return { ok: true, value: step };
  const r = renderDeep(step.params, context, 'params');
  return r.ok ? { ok: true, value: { ...step, params: r.value as Record<string, unknown> } } : r;
}

/** The step with its templated fields rendered: analyze target, agent goal, cli args, remediate params. */
export function renderStep(step: WorkflowStep, context: RunContext): RenderResult<WorkflowStep> {
  switch (step.type) {
    case 'analyze':
      return renderAnalyze(step, context);
    case 'agent': {
      const r = renderTemplate(step.goal, context);
      return r.ok ? { ok: true, value: { ...step, goal: r.value } } : r;
    }
    case 'cli':
      return renderCli(step, context);
    case 'remediate':
      return renderRemediate(step, context);
    case 'conditional':
      return { ok: true, value: step };
  }
}
