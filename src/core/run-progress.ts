import type { RunPhase } from './resources/workflow-run.ts';
import type { RunEvent } from './run-events.ts';

/**
 * What the one progress message of a run shows, folded from its events:
 * each step with its state, its latest live notes (tool calls, analyzers)
 * and timings, and how the run ended. Pure; kept in Redis between events.
 */
export type StepState = 'running' | 'succeeded' | 'failed' | 'retrying' | 'awaiting-approval';

export interface ProgressStep {
  readonly name: string;
  readonly type: string;
  readonly state: StepState;
  readonly attempt: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly summary?: string;
  readonly error?: string;
  /** The latest notes, oldest first (at most `maxNotes`). */
  readonly notes: readonly string[];
  readonly noteCount: number;
}

export interface RunProgress {
  readonly title: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly steps: readonly ProgressStep[];
  readonly finished?: { readonly phase: RunPhase; readonly message: string; readonly at: string };
}

export const maxNotes = 5;
const maxNoteLength = 200;

export function startProgress(title: string, at: string): RunProgress {
  return { title, startedAt: at, updatedAt: at, steps: [] };
}

function withStep(
  progress: RunProgress,
  name: string,
  change: (step: ProgressStep) => ProgressStep,
): ProgressStep[] {
  return progress.steps.map((s, i) =>
    s.name === name && i === lastIndexOf(progress.steps, name) ? change(s) : s,
  );
}

function lastIndexOf(steps: readonly ProgressStep[], name: string): number {
  return steps.map((s) => s.name).lastIndexOf(name);
}

function started(progress: RunProgress, event: Extract<RunEvent, { type: 'step-started' }>) {
  const fresh: ProgressStep = {
    name: event.step,
    type: event.stepType,
    state: 'running',
    attempt: event.attempt,
    startedAt: event.at,
    notes: [],
    noteCount: 0,
  };
  const known = lastIndexOf(progress.steps, event.step) >= 0;
  const steps = known ? withStep(progress, event.step, () => fresh) : [...progress.steps, fresh];
  // A resumed run starts again: it is no longer finished.
  const { finished: _, ...rest } = progress;
  return { ...rest, steps };
}

function noted(progress: RunProgress, step: string, message: string): ProgressStep[] {
  const line = message.length > maxNoteLength ? `${message.slice(0, maxNoteLength - 1)}…` : message;
  return withStep(progress, step, (s) => ({
    ...s,
    notes: [...s.notes, line].slice(-maxNotes),
    noteCount: s.noteCount + 1,
  }));
}

function finishedStep(
  progress: RunProgress,
  event: Extract<RunEvent, { type: 'step-finished' }>,
): ProgressStep[] {
  return withStep(progress, event.step, (s) => ({
    ...s,
    state: event.outcome,
    finishedAt: event.at,
    ...(event.summary === undefined ? {} : { summary: event.summary }),
    ...(event.error === undefined ? {} : { error: event.error }),
  }));
}

/** The progress after one event; events that do not change it return it unchanged. */
export function applyRunEvent(progress: RunProgress, event: RunEvent): RunProgress {
  const at = { updatedAt: event.at };
  switch (event.type) {
    case 'step-started':
      return { ...started(progress, event), ...at };
    case 'step-progress':
      return { ...progress, steps: noted(progress, event.step, event.message), ...at };
    case 'step-finished':
      return { ...progress, steps: finishedStep(progress, event), ...at };
    case 'run-finished':
      return {
        ...progress,
        finished: { phase: event.phase, message: event.message, at: event.at },
        ...at,
      };
    default:
      return progress;
  }
}
