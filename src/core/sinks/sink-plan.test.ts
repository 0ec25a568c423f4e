import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../events/source-event.ts';
import { parseResource, type Sink, type Workflow } from '../resources/index.ts';
import type { ExpressionEvaluator } from '../workflow/expression-evaluator.ts';
import { planDeliveries } from './sink-plan.ts';

/** A fake of the CEL port: `phase == "X"` and `true`/`false`, enough for the planner's rules. */
const evaluator: ExpressionEvaluator = {
  check: () => undefined,
  evaluate(expression, context) {
    const m = /^phase == "(\w+)"$/.exec(expression);
    if (m) return { ok: true, value: context.phase === m[1] };
    if (expression === 'true' || expression === 'false')
      return { ok: true, value: expression === 'true' };
    return { ok: false, error: `cannot evaluate ${expression}` };
  },
};

function parse<T>(doc: Record<string, unknown>): T {
  const r = parseResource({ apiVersion: 'punchingfist.io/v1alpha1', ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.resource as T;
}
const sink = (name: string, spec: Record<string, unknown>) =>
  parse<Sink>({ kind: 'Sink', metadata: { name, namespace: 'ops' }, spec });
const sinks = new Map([
  [
    'hook',
    sink('hook', {
      type: 'webhook',
      target: { url: 'http://x/h' },
      template: '{{event.title}} is {{phase}}',
    }),
  ],
  ['failures', sink('failures', { type: 'stdout', condition: 'phase == "Failed"' })],
  ['broken', sink('broken', { type: 'stdout', condition: 'size(' })],
  [
    'jira',
    sink('jira', {
      type: 'jira',
      target: { url: 'https://j.example', project: 'OPS' },
      credentials: { name: 's', key: 'k' },
    }),
  ],
]);
const workflow = parse<Workflow>({
  kind: 'Workflow',
  metadata: { name: 'triage', namespace: 'ops' },
  spec: {
    steps: [{ name: 'analyze', type: 'analyze' }],
    sinks: ['hook', 'failures', 'broken', 'jira', 'gone'].map((name) => ({ sinkRef: { name } })),
  },
});
const event = { title: 'KubePodCrashLooping: shop/web' } as SourceEvent;
const finished = (phase: 'Succeeded' | 'Failed') => ({
  run: { name: 'triage-1', namespace: 'ops', workflow: 'triage' },
  event,
  phase,
  message: '',
});

describe('planDeliveries', () => {
  it('renders each Sink whose conditions hold, one delivery id per run and Sink', () => {
    const plan = planDeliveries(finished('Succeeded'), workflow, (n) => sinks.get(n), evaluator);
    expect(plan.deliveries.map((d) => [d.id, d.message])).toEqual([
      ['triage-1.hook', 'KubePodCrashLooping: shop/web is Succeeded'],
    ]);
    expect(plan.skipped).toEqual([
      { sink: 'failures', reason: 'condition phase == "Failed" is false' },
      { sink: 'broken', reason: 'condition failed to evaluate: cannot evaluate size(' },
      { sink: 'jira', reason: 'jira is not supported yet' },
      { sink: 'gone', reason: 'Sink not found' },
    ]);
  });

  it('delivers to a conditional Sink when its condition turns true', () => {
    const plan = planDeliveries(finished('Failed'), workflow, (n) => sinks.get(n), evaluator);
    expect(plan.deliveries.map((d) => d.sink.name)).toEqual(['hook', 'failures']);
  });
});
