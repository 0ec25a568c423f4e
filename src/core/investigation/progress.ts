import type { Clock } from '../ports.ts';

/** The steps of an investigation, reported as they start and end (for a CLI spinner, a Slack message). */
export type StepName = 'resolve' | 'gather' | 'details' | 'analyze' | 'rank';

export type ProgressEvent =
  | { readonly step: StepName; readonly phase: 'start'; readonly label: string }
  | {
      readonly step: StepName;
      readonly phase: 'done';
      readonly label: string;
      readonly detail: string;
      readonly elapsedMs: number;
    }
  | {
      readonly step: StepName;
      readonly phase: 'failed';
      readonly label: string;
      readonly detail: string;
      readonly elapsedMs: number;
    };

export type ProgressListener = (event: ProgressEvent) => void;

export interface StepDeps {
  readonly clock: Clock;
  readonly onProgress?: ProgressListener | undefined;
}

/** Runs one step, telling the listener when it starts, ends (with a detail) or fails. */
export async function step<T>(
  deps: StepDeps,
  name: StepName,
  label: string,
  run: () => Promise<T>,
  detail: (value: T) => string,
): Promise<T> {
  const started = deps.clock.now().getTime();
  const elapsed = () => deps.clock.now().getTime() - started;
  deps.onProgress?.({ step: name, phase: 'start', label });
  try {
    const value = await run();
    deps.onProgress?.({
      step: name,
      phase: 'done',
      label,
      detail: detail(value),
      elapsedMs: elapsed(),
    });
    return value;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.onProgress?.({
      step: name,
      phase: 'failed',
      label,
      detail: message,
      elapsedMs: elapsed(),
    });
    throw err;
  }
}
