import { describe, expect, it } from 'vitest';
import { parseWithProblems } from './parse-resource.ts';
import { workflowRunSpecSchema, workflowRunStatusSchema } from './workflow-run.ts';

const spec = {
  workflowRef: { name: 'triage' },
  trigger: {
    type: 'alertmanager',
    source: 'alertmanager',
    fingerprint: 'a1b2c3d4e5f60718',
    alertNames: ['KubePodCrashLooping'],
    summary: 'checkout-7f9 is crash looping in shop',
    receivedAt: '2026-05-01T10:00:00Z',
  },
  inputs: { namespace: 'shop', replicas: 3 },
};

describe('WorkflowRun', () => {
  it('keeps free-form inputs as given', () => {
    expect(workflowRunSpecSchema.parse(spec).inputs).toEqual({ namespace: 'shop', replicas: 3 });
  });

  it('needs a workflowRef and a trigger with its time', () => {
    const parsed = parseWithProblems(workflowRunSpecSchema, { trigger: { type: 'manual' } });
    expect(parsed.ok === false && parsed.problems.map((p) => p.field)).toEqual([
      'workflowRef',
      'trigger.receivedAt',
    ]);
  });

  it('reads a finished status with steps, usage and an audited approval', () => {
    const status = workflowRunStatusSchema.parse({
      phase: 'Succeeded',
      startedAt: '2026-05-01T10:00:01Z',
      finishedAt: '2026-05-01T10:01:33+02:00',
      duration: '1m32s',
      steps: [
        { name: 'analyze', phase: 'Succeeded', attempts: 1, outputSummary: 'CrashLoopBackOff' },
        { name: 'fix', phase: 'Succeeded', attempts: 1 },
      ],
      usage: { inputTokens: 12_000, outputTokens: 900, costUsd: 0.05 },
      approvals: [
        {
          proposalId: 'prop_01',
          action: 'rollback',
          decision: 'Approved',
          decidedBy: ['U012AB3CD'],
          decidedAt: '2026-05-01T10:01:00Z',
          outcome: 'Succeeded',
        },
      ],
    });
    expect(status.approvals?.[0]?.outcome).toBe('Succeeded');
  });

  it('names bad status fields: phase, duplicate step, decision without its time', () => {
    const parsed = parseWithProblems(workflowRunStatusSchema, {
      phase: 'Done',
      steps: [
        { name: 'a', phase: 'Running' },
        { name: 'a', phase: 'Pending' },
      ],
      approvals: [{ proposalId: 'p1', action: 'scale', decision: 'Approved' }],
    });
    expect(parsed.ok === false && parsed.problems.map((p) => p.field)).toEqual([
      'phase',
      'steps[1].name',
      'approvals[0].decidedAt',
    ]);
  });
});
