import { describe, expect, it } from 'vitest';
import { parseWithProblems } from './parse-resource.ts';
import { workflowSpecSchema } from './workflow.ts';

function problems(spec: unknown): string[] {
  const parsed = parseWithProblems(workflowSpecSchema, spec);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
}

const analyze = { name: 'analyze', type: 'analyze' };

describe('Workflow spec', () => {
  it('one analyze step is a whole Workflow, with every default a reader expects', () => {
    const spec = workflowSpecSchema.parse({ steps: [analyze] });
    expect(spec).toEqual({
      runtime: {
        maxIterations: 20,
        budgets: { maxInputTokens: 300_000, maxOutputTokens: 20_000, timeout: '10m' },
      },
      steps: [{ name: 'analyze', type: 'analyze', retries: 0 }],
      approvalPolicy: {
        required: 1,
        approvers: { users: [], userGroups: [] },
        expiresAfter: '30m',
      },
      ttlSecondsAfterFinished: 604_800,
      concurrency: 5,
    });
  });

  it('reads every step type', () => {
    const spec = workflowSpecSchema.parse({
      runtime: { provider: 'openai', model: 'llama3.1', endpoint: 'http://127.0.0.1:11434/v1' },
      steps: [
        analyze,
        {
          name: 'gate',
          type: 'conditional',
          expression: 'size(steps.analyze.findings) == 0',
          // biome-ignore lint/suspicious/noThenProperty: the conditional step's field in the Workflow API
          then: 'skip',
        },
        {
          name: 'ask',
          type: 'agent',
          goal: 'Why is {{trigger.summary}}?',
          tools: ['logs', 'events'],
          budgets: { maxIterations: 5 },
        },
        {
          name: 'kubectl',
          type: 'cli',
          image: 'registry.k8s.io/kubectl:v1.36.3',
          command: ['kubectl'],
          args: ['get', 'pods'],
        },
        {
          name: 'fix',
          type: 'remediate',
          action: 'rollout_restart',
          params: { kind: 'Deployment', name: 'web' },
          approval: { required: 2 },
        },
      ],
      outputs: { summary: '{{report.summary}}' },
      sinks: [{ sinkRef: { name: 'slack' }, condition: "phase == 'Failed'" }],
    });
    const fix = spec.steps[4];
    expect(fix?.type === 'remediate' && fix.approval).toEqual({
      required: 2,
      approvers: { users: [], userGroups: [] },
      expiresAfter: '30m',
    });
  });

  it('refuses an unknown step type, action or tool, naming the step', () => {
    expect(problems({ steps: [analyze, { name: 'x', type: 'shell' }] })).toEqual([
      expect.stringMatching(/^steps\[1\]\.type: Invalid discriminator value/),
    ]);
    expect(
      problems({ steps: [{ name: 'x', type: 'remediate', action: 'delete_namespace' }] }),
    ).toEqual([expect.stringMatching(/^steps\[0\]\.action: Invalid option/)]);
    expect(
      problems({ steps: [{ name: 'x', type: 'agent', goal: 'g', tools: ['kubectl_exec'] }] }),
    ).toEqual([expect.stringMatching(/^steps\[0\]\.tools\[0\]: Invalid option/)]);
  });

  it('refuses duplicate step names and the flow keywords as names', () => {
    expect(problems({ steps: [analyze, { ...analyze }] })).toEqual([
      'steps[1].name: duplicate name "analyze": each name must be unique',
    ]);
    expect(problems({ steps: [{ name: 'skip', type: 'analyze' }] })).toEqual([
      "steps[0].name: must not be 'next' or 'skip' (keywords of conditional steps)",
    ]);
  });

  it('a conditional jumps only forward, to a step that exists', () => {
    const gate = (then: string) => ({
      name: 'gate',
      type: 'conditional',
      expression: 'true',
      then,
    });
    expect(
      problems({ steps: [analyze, gate('later'), { name: 'later', type: 'analyze' }] }),
    ).toEqual([]);
    expect(problems({ steps: [analyze, gate('next')] })).toEqual([]);
    expect(problems({ steps: [analyze, gate('nope')] })).toEqual([
      'steps[1].then: then "nope" of step "gate" names no step of this workflow; use a later step, next or skip',
    ]);
    expect(problems({ steps: [analyze, gate('analyze')] })).toEqual([
      'steps[1].then: then "analyze" of step "gate" names an earlier step (only forward jumps); use a later step, next or skip',
    ]);
    expect(
      problems({
        steps: [analyze, { name: 'gate', type: 'conditional', expression: 'true', else: 'gate' }],
      }),
    ).toEqual([
      expect.stringMatching(/^steps\[1\]\.else: else "gate" of step "gate" names an earlier step/),
    ]);
    expect(
      problems({ steps: [{ name: 'gate', type: 'conditional', expression: 'true' }] }),
    ).toEqual(['steps[0]: a conditional step needs then or else']);
  });

  it('names out-of-range budgets, counts and durations', () => {
    const found = problems({
      runtime: { maxIterations: 0, budgets: { maxInputTokens: 10, timeout: '3h' } },
      steps: [
        { name: 'slow', type: 'cli', image: 'busybox', command: ['true'], timeout: '2 minutes' },
      ],
      approvalPolicy: { required: 3 },
      ttlSecondsAfterFinished: -1,
      concurrency: 0,
    });
    expect(found.map((f) => f.split(':')[0])).toEqual([
      'runtime.maxIterations',
      'runtime.budgets.maxInputTokens',
      'runtime.budgets.timeout',
      'steps[0].timeout',
      'approvalPolicy.required',
      'ttlSecondsAfterFinished',
      'concurrency',
    ]);
  });

  it('needs at least one step, and checks output names and templates', () => {
    expect(problems({ steps: [] })).toEqual([expect.stringMatching(/^steps: Too small/)]);
    expect(
      problems({ steps: [analyze], outputs: { 'not-an-identifier': 'x', ok: '{{#unclosed}}' } }),
    ).toEqual([
      expect.stringMatching(/^outputs\.ok: is not a valid mustache template/),
      'outputs.not-an-identifier: key "not-an-identifier" must be an identifier (letters, digits, _)',
    ]);
  });

  it('two approvals cannot be satisfied by a single listed approver', () => {
    expect(
      problems({
        steps: [analyze],
        approvalPolicy: { required: 2, approvers: { users: ['U012AB3CD'] } },
      }),
    ).toEqual([
      'approvalPolicy.required: required is 2 but approvers lists only one user: no second person could approve',
    ]);
  });
});
