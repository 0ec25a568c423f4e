import { describe, expect, it } from 'vitest';
import { assessSource, assessWorkflow, invalidSpec, type Lookup } from './readiness.ts';
import { parseResource, type Sink, type Source, type Workflow } from './resources/index.ts';

function parsed<T>(doc: unknown): T {
  const r = parseResource(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.resource as T;
}

const api = 'punchingfist.io/v1alpha1';
const workflow = parsed<Workflow>({
  apiVersion: api,
  kind: 'Workflow',
  metadata: { name: 'triage', namespace: 'ops', generation: 3 },
  spec: { steps: [{ name: 'analyze', type: 'analyze' }], sinks: [{ sinkRef: { name: 'oncall' } }] },
});
const source = parsed<Source>({
  apiVersion: api,
  kind: 'Source',
  metadata: { name: 'am', namespace: 'ops', generation: 2 },
  spec: { type: 'alertmanager', workflowRef: { name: 'triage' } },
});
const sink = parsed<Sink>({
  apiVersion: api,
  kind: 'Sink',
  metadata: { name: 'oncall', namespace: 'ops' },
  spec: { type: 'stdout' },
});

const lookup = (workflows: Workflow[], sinks: Sink[]): Lookup => ({
  workflow: (ns, name) =>
    workflows.find((w) => w.metadata.namespace === ns && w.metadata.name === name),
  sink: (ns, name) => sinks.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
});

describe('readiness', () => {
  it('a Source is ready when its Workflow exists, and says which one is missing otherwise', () => {
    expect(assessSource(source, lookup([workflow], []))).toMatchObject({
      status: 'True',
      reason: 'Valid',
      observedGeneration: 2,
    });
    expect(assessSource(source, lookup([], []))).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'WorkflowNotFound',
      message: 'spec.workflowRef.name: Workflow ops/triage does not exist or is not valid',
      observedGeneration: 2,
    });
  });

  it('a Workflow is ready when every Sink it names exists in its namespace', () => {
    expect(assessWorkflow(workflow, lookup([], [sink]))).toMatchObject({
      status: 'True',
      message: '1 steps',
    });
    const missing = assessWorkflow(workflow, lookup([], []));
    expect(missing).toMatchObject({ status: 'False', reason: 'SinkNotFound' });
    expect(missing.message).toContain('spec.sinks[0].sinkRef.name: Sink oncall');
  });

  it('a Workflow whose CEL does not parse is not ready, naming the field', () => {
    const wf = parsed<Workflow>({
      apiVersion: api,
      kind: 'Workflow',
      metadata: { name: 'w', namespace: 'ops' },
      spec: {
        steps: [
          { name: 'a', type: 'analyze' },
          // biome-ignore lint/suspicious/noThenProperty: the conditional step's field in the Workflow API
          { name: 'c', type: 'conditional', expression: 'x ==', then: 'skip' },
          { name: 'b', type: 'analyze' },
        ],
      },
    });
    const check = (e: string) => (e.trim().endsWith('==') ? 'unexpected end of input' : undefined);
    expect(assessWorkflow(wf, lookup([], []), check)).toMatchObject({
      status: 'False',
      reason: 'InvalidSpec',
      message: 'spec.steps[1].expression: invalid CEL: unexpected end of input',
    });
    expect(assessWorkflow(wf, lookup([], []))).toMatchObject({ status: 'True' });
  });

  it('a remediation policy rule whose CEL does not parse is named by its field', () => {
    const wf = parsed<Workflow>({
      apiVersion: api,
      kind: 'Workflow',
      metadata: { name: 'w', namespace: 'ops' },
      spec: {
        steps: [{ name: 'a', type: 'analyze' }],
        remediationPolicy: {
          rules: [
            { expression: 'confidence > 0.5', message: 'ok' },
            { expression: 'replicas <', message: 'bad' },
          ],
        },
      },
    });
    const check = (e: string) => (e.trim().endsWith('<') ? 'unexpected end of input' : undefined);
    expect(assessWorkflow(wf, lookup([], []), check)).toMatchObject({
      status: 'False',
      message: 'spec.remediationPolicy.rules[1].expression: invalid CEL: unexpected end of input',
    });
  });

  it('an invalid spec names its fields', () => {
    expect(invalidSpec(4, [{ field: 'spec.schedule.cron', message: 'bad cron' }])).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'InvalidSpec',
      message: 'spec.schedule.cron: bad cron',
      observedGeneration: 4,
    });
  });
});
