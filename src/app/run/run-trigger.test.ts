import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../core/events/source-event.ts';
import { workflowRunSpecSchema } from '../../core/resources/workflow-run.ts';
import { triggerOf } from './run-trigger.ts';

const event: SourceEvent = {
  source: { namespace: 'ops', name: 'am', type: 'alertmanager' },
  workflow: 'triage',
  receivedAt: '2026-11-22T07:00:00Z',
  status: 'firing',
  fingerprint: 'fp',
  title: 'KubePodCrashLooping: shop/web-1',
  labels: {},
  annotations: {},
  alerts: [],
};

describe('triggerOf', () => {
  it('records the classification on the run, valid for the WorkflowRun schema', () => {
    const trigger = triggerOf({ ...event, environment: 'production', priority: 'P1' });
    expect(trigger).toMatchObject({ environment: 'production', priority: 'P1' });
    const spec = { workflowRef: { name: 'triage' }, trigger };
    expect(workflowRunSpecSchema.safeParse(spec).success).toBe(true);
  });

  it('leaves out a priority that is not one of P1–P5', () => {
    const trigger = triggerOf({ ...event, priority: 'urgent' });
    expect(trigger.priority).toBeUndefined();
    expect(trigger.environment).toBeUndefined();
  });
});
