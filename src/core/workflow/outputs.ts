import type { WorkflowSpec } from '../resources/workflow.ts';
import type { RunContext } from './run-context.ts';
import type { StepRecords } from './step-record.ts';
import { renderTemplate } from './templates.ts';

/**
 * The run's outputs, rendered when it stops: the Workflow's templated
 * outputs; without any, each step's output as JSON under its name (so the
 * record shows the report). Values are capped to what the status accepts.
 */
export const maxOutputLength = 65_536;

function cap(text: string): string {
  return text.length <= maxOutputLength
    ? text
    : `${text.slice(0, maxOutputLength - 15)}…[truncated]`;
}

export function renderOutputs(
  spec: Pick<WorkflowSpec, 'outputs'>,
  context: RunContext,
  records: StepRecords,
): Record<string, string> {
  if (spec.outputs === undefined) {
    return Object.fromEntries(
      Object.values(records)
        .filter((r) => r.output !== undefined && r.type !== 'conditional')
        .map((r) => [r.name, cap(JSON.stringify(r.output))]),
    );
  }
  return Object.fromEntries(
    Object.entries(spec.outputs).map(([name, template]) => {
      const r = renderTemplate(template, context);
      return [name, cap(r.ok ? r.value : `(could not render: ${r.error})`)];
    }),
  );
}
