import type { WorkflowRunStatus } from '../../core/resources/workflow-run.ts';
import type { WorkflowStep } from '../../core/resources/workflow-steps.ts';
import { recordsFromStatus } from '../../core/workflow/run-status.ts';
import { isFinished, type StepRecord, type StepRecords } from '../../core/workflow/step-record.ts';

/**
 * The finished steps' records with their outputs, saved in the job's data
 * (Redis) before the WorkflowRun status says a step finished. A resumed run
 * reads its steps from the status and their outputs from here; a step the
 * worker finished but could not yet mirror counts as finished too.
 */
export type SavedResults = Readonly<Record<string, StepRecord>>;

export function savedResultsOf(records: StepRecords): SavedResults {
  return Object.fromEntries(Object.entries(records).filter(([, r]) => isFinished(r)));
}

export function resumeRecords(
  steps: readonly WorkflowStep[],
  status: WorkflowRunStatus | undefined,
  saved: SavedResults,
): Record<string, StepRecord> {
  const types = Object.fromEntries(steps.map((s) => [s.name, s.type]));
  const outputs = Object.fromEntries(Object.values(saved).map((r) => [r.name, r.output]));
  const records = recordsFromStatus(status, outputs, types);
  for (const result of Object.values(saved)) {
    if (!isFinished(records[result.name]) && types[result.name] !== undefined) {
      records[result.name] = result;
    }
  }
  return records;
}
