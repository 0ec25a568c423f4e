import type { SourceEvent } from './events/source-event.ts';
import type { Report } from './investigation/report.ts';
import type { ProposalRecord } from './remediation/proposal.ts';
import type { RunPhase } from './resources/workflow-run.ts';
import type { StepType } from './resources/workflow-steps.ts';
import type { RunRef } from './workflow/run-context.ts';

/**
 * What happens in a run, as it happens: the worker (and the action
 * executor) publish these; chat sinks (the Slack thread), metrics and the
 * CLI's progress display consume them. Publishing never fails a run: a
 * sink that cannot deliver logs and retries on its own.
 */
export type RunEvent =
  | {
      readonly type: 'run-started';
      readonly run: RunRef;
      readonly event: SourceEvent;
      readonly at: string;
    }
  | {
      readonly type: 'step-started';
      readonly run: RunRef;
      readonly step: string;
      readonly stepType: StepType;
      readonly attempt: number;
      readonly at: string;
    }
  /** A line of live progress inside a step: a tool call, an analyzer, a retry. */
  | {
      readonly type: 'step-progress';
      readonly run: RunRef;
      readonly step: string;
      readonly message: string;
      readonly at: string;
    }
  | {
      readonly type: 'step-finished';
      readonly run: RunRef;
      readonly step: string;
      readonly stepType: StepType;
      readonly outcome: 'succeeded' | 'failed' | 'retrying' | 'awaiting-approval';
      readonly summary?: string;
      readonly error?: string;
      readonly at: string;
    }
  /** An investigation report a step produced (analyze or agent). */
  | {
      readonly type: 'report';
      readonly run: RunRef;
      readonly step: string;
      readonly report: Report;
      readonly at: string;
    }
  /** A proposal was created or changed state (decided, executing, verified, rolled back). */
  | {
      readonly type: 'proposal';
      readonly run: RunRef;
      readonly proposal: ProposalRecord;
      readonly at: string;
    }
  | {
      readonly type: 'run-finished';
      readonly run: RunRef;
      readonly event: SourceEvent;
      readonly phase: RunPhase;
      readonly message: string;
      readonly at: string;
    };

export interface RunEventSink {
  publish(event: RunEvent): Promise<void>;
}

export const noRunEvents: RunEventSink = { publish: () => Promise.resolve() };

/** Publishes to every sink; one sink's failure does not stop the others. */
export function fanOut(
  sinks: readonly RunEventSink[],
  onError: (err: unknown, event: RunEvent) => void,
): RunEventSink {
  return {
    publish: async (event) => {
      const results = await Promise.allSettled(sinks.map((s) => s.publish(event)));
      for (const r of results) if (r.status === 'rejected') onError(r.reason, event);
    },
  };
}
