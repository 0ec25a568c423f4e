import { describe, expect, it } from 'vitest';
import type { RunEvent } from './run-events.ts';
import { applyRunEvent, maxNotes, startProgress } from './run-progress.ts';

const run = { namespace: 'shop', name: 'triage-1', workflow: 'triage' };
const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 7, 0, s)).toISOString();

function fold(events: RunEvent[]) {
  return events.reduce(applyRunEvent, startProgress('KubePodCrashLooping: shop/checkout', at(0)));
}

describe('run progress', () => {
  it('shows each step with its state, summary and timings, and the run’s end', () => {
    const p = fold([
      { type: 'step-started', run, step: 'analyze', stepType: 'analyze', attempt: 1, at: at(1) },
      {
        type: 'step-finished',
        run,
        step: 'analyze',
        stepType: 'analyze',
        outcome: 'succeeded',
        summary: 'rollout to checkout:bad',
        at: at(3),
      },
      { type: 'step-started', run, step: 'fix', stepType: 'remediate', attempt: 1, at: at(4) },
      {
        type: 'step-finished',
        run,
        step: 'fix',
        stepType: 'remediate',
        outcome: 'awaiting-approval',
        at: at(5),
      },
      {
        type: 'run-finished',
        run,
        event: {} as never,
        phase: 'AwaitingApproval',
        message: 'waiting',
        at: at(6),
      },
    ]);
    expect(p.steps.map((s) => [s.name, s.state, s.startedAt, s.finishedAt])).toEqual([
      ['analyze', 'succeeded', at(1), at(3)],
      ['fix', 'awaiting-approval', at(4), at(5)],
    ]);
    expect(p.steps[0]?.summary).toBe('rollout to checkout:bad');
    expect(p.finished).toEqual({ phase: 'AwaitingApproval', message: 'waiting', at: at(6) });
  });

  it('keeps the latest notes of a step and counts the rest', () => {
    const notes: RunEvent[] = Array.from({ length: 8 }, (_, i) => ({
      type: 'step-progress',
      run,
      step: 'agent',
      message: `tool call ${i}`,
      at: at(2 + i),
    }));
    const p = fold([
      { type: 'step-started', run, step: 'agent', stepType: 'agent', attempt: 1, at: at(1) },
      ...notes,
    ]);
    expect(p.steps[0]?.notes).toHaveLength(maxNotes);
    expect(p.steps[0]?.notes.at(-1)).toBe('tool call 7');
    expect(p.steps[0]?.noteCount).toBe(8);
  });

  it('shows a retried step once, at its latest attempt, and a resumed run as running again', () => {
    const p = fold([
      { type: 'step-started', run, step: 'cli', stepType: 'cli', attempt: 1, at: at(1) },
      {
        type: 'step-finished',
        run,
        step: 'cli',
        stepType: 'cli',
        outcome: 'retrying',
        error: 'exit 1',
        at: at(2),
      },
      {
        type: 'run-finished',
        run,
        event: {} as never,
        phase: 'AwaitingApproval',
        message: '',
        at: at(3),
      },
      { type: 'step-started', run, step: 'cli', stepType: 'cli', attempt: 2, at: at(4) },
    ]);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({ state: 'running', attempt: 2, notes: [] });
    expect(p.finished).toBeUndefined();
  });
});
