import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../events/source-event.ts';
import { workflowSpecSchema } from '../resources/workflow.ts';
import { renderOutputs } from './outputs.ts';
import { buildContext, resolveInputs } from './run-context.ts';
import { renderStep, renderTemplate } from './templates.ts';

const event = {
  source: { namespace: 'shop', name: 'am', type: 'alertmanager' },
  workflow: 'triage',
  receivedAt: '2026-01-01T00:00:00Z',
  status: 'firing',
  fingerprint: 'f1',
  title: 'Crash <loop> & co',
  labels: { deployment: 'checkout', namespace: 'shop' },
  annotations: {},
  alerts: [],
} satisfies SourceEvent;
const ctx = buildContext(
  { name: 'r1', namespace: 'shop', workflow: 'triage' },
  event,
  { env: 'prod' },
  {
    analyze: {
      name: 'analyze',
      type: 'analyze',
      phase: 'Succeeded',
      attempts: 1,
      output: { summary: 'db down', findings: [{ category: 'CrashLoopBackOff' }] },
    },
  },
);

describe('templates over the run context', () => {
  it('render steps.*, event.* and inputs.* without HTML escaping; objects as JSON', () => {
    const r = renderTemplate(
      '{{event.title}} in {{inputs.env}}: {{steps.analyze.output.summary}} {{steps.analyze.output.findings}}',
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      value: 'Crash <loop> & co in prod: db down [{"category":"CrashLoopBackOff"}]',
    });
  });

  it('render the templated fields of a step', () => {
    const spec = workflowSpecSchema.parse({
      steps: [
        {
          name: 'a',
          type: 'analyze',
          target: { kind: 'Deployment', name: '{{event.labels.deployment}}' },
        },
        {
          name: 'fix',
          type: 'remediate',
          action: 'scale',
          params: { target: 'Deployment/{{run.namespace}}/x', nested: ['{{inputs.env}}', 3] },
        },
        {
          name: 'c',
          type: 'cli',
          image: 'busybox',
          command: ['sh'],
          args: ['-c', 'echo {{inputs.env}}'],
        },
      ],
    });
    const [a, fix, c] = spec.steps.map((s) => renderStep(s, ctx));
    expect(a).toMatchObject({
      ok: true,
      value: { target: { kind: 'Deployment', name: 'checkout' } },
    });
    expect(fix).toMatchObject({
      ok: true,
      value: { params: { target: 'Deployment/shop/x', nested: ['prod', 3] } },
    });
    expect(c).toMatchObject({ ok: true, value: { args: ['-c', 'echo prod'] } });
  });

  it('resolve inputs from defaults and name the missing required ones', () => {
    const spec = workflowSpecSchema.parse({
      steps: [{ name: 'a', type: 'analyze' }],
      inputs: [
        { name: 'env', default: 'prod' },
        { name: 'target', required: true },
      ],
    });
    expect(resolveInputs(spec, { target: 'x' })).toEqual({
      ok: true,
      inputs: { target: 'x', env: 'prod' },
    });
    expect(resolveInputs(spec)).toEqual({
      ok: false,
      error: 'required input(s) not given: target',
    });
  });

  it('render declared outputs, or each step output as JSON when none are declared', () => {
    const declared = workflowSpecSchema.parse({
      steps: [{ name: 'analyze', type: 'analyze' }],
      outputs: { summary: 'Root cause: {{steps.analyze.output.summary}}' },
    });
    expect(renderOutputs(declared, ctx, {})).toEqual({ summary: 'Root cause: db down' });
    const bare = workflowSpecSchema.parse({ steps: [{ name: 'analyze', type: 'analyze' }] });
    const records = {
      analyze: {
        name: 'analyze',
        type: 'analyze' as const,
        phase: 'Succeeded' as const,
        attempts: 1,
        output: { a: 1 },
      },
    };
    expect(renderOutputs(bare, ctx, records)).toEqual({ analyze: '{"a":1}' });
  });
});
