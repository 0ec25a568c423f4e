import type { ProgressEvent } from '../core/investigation/progress.ts';

/**
 * Shows an investigation's steps on stderr: on a terminal, each step's
 * line is rewritten in place as it runs and ends; otherwise (a pipe, CI)
 * one plain line per finished step.
 */
export interface ErrorStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressDisplay {
  readonly onProgress: (event: ProgressEvent) => void;
}

function outcome(event: Exclude<ProgressEvent, { phase: 'start' }>): string {
  return `${event.label}: ${event.phase === 'failed' ? `failed — ${event.detail}` : event.detail} (${event.elapsedMs}ms)`;
}

export function createProgressDisplay(stream: ErrorStream): ProgressDisplay {
  if (stream.isTTY === true) {
    return {
      onProgress(event) {
        if (event.phase === 'start') stream.write(`… ${event.label}`);
        else stream.write(`\r\x1b[2K${event.phase === 'done' ? '✓' : '✗'} ${outcome(event)}\n`);
      },
    };
  }
  return {
    onProgress(event) {
      if (event.phase !== 'start') stream.write(`investigate: ${outcome(event)}\n`);
    },
  };
}
