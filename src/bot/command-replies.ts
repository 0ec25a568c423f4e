import type { Workflow, WorkflowRun } from '../core/resources/index.ts';

/**
 * The slash command's answers as Slack mrkdwn text. Each stays well under
 * Slack's 40,000-character message text limit (lists are capped by the
 * command's own limits).
 */
const maxText = 38_000;

const cap = (text: string) => (text.length > maxText ? `${text.slice(0, maxText)}\n…` : text);

function workflowLine(workflow: Workflow): string {
  const ns = workflow.metadata.namespace ?? 'default';
  const inputs = (workflow.spec.inputs ?? []).map(
    (i) => `${i.name}${i.required ? '*' : ''}${i.default === undefined ? '' : `=${i.default}`}`,
  );
  const about = workflow.spec.description === undefined ? '' : ` — ${workflow.spec.description}`;
  const takes = inputs.length === 0 ? '' : `\n    inputs: \`${inputs.join(' ')}\``;
  return `• \`${workflow.metadata.name}\` (${ns}, ${workflow.spec.steps.length} steps)${about}${takes}`;
}

export function workflowsReply(workflows: readonly Workflow[]): string {
  if (workflows.length === 0) return 'No Workflows are configured yet.';
  const sorted = [...workflows].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  return cap(
    `*Workflows* (\`*\` required input; start one with \`/punchingfist run <workflow> key=value\`)\n${sorted.map(workflowLine).join('\n')}`,
  );
}

function runLine(run: WorkflowRun): string {
  const trigger = run.spec.trigger;
  const what = trigger.alertNames?.join(',') ?? trigger.summary ?? trigger.type;
  const started = run.status?.startedAt ?? run.metadata.creationTimestamp ?? '';
  const duration = run.status?.duration === undefined ? '' : ` · ${run.status.duration}`;
  return `• \`${run.metadata.name}\` *${run.status?.phase ?? 'Pending'}* — ${run.spec.workflowRef.name}: ${what} · ${started}${duration}`;
}

export function runsReply(runs: readonly WorkflowRun[], status: string | undefined): string {
  const which = status === undefined ? 'runs' : `${status} runs`;
  if (runs.length === 0) return `No ${which}.`;
  return cap(`*Recent ${which}* (newest first)\n${runs.map(runLine).join('\n')}`);
}

function stepLine(step: NonNullable<NonNullable<WorkflowRun['status']>['steps']>[number]): string {
  const detail = step.error ?? step.outputSummary;
  return `• ${step.name} (${step.type ?? 'step'}): *${step.phase}*${detail === undefined ? '' : ` — ${detail}`}`;
}

export function statusReply(run: WorkflowRun): string {
  const status = run.status;
  const trigger = run.spec.trigger;
  const lines = [
    `*Run \`${run.metadata.name}\`* of ${run.spec.workflowRef.name} (${run.metadata.namespace ?? 'default'}): *${status?.phase ?? 'Pending'}*`,
    status?.message,
    `Triggered by ${trigger.type}${trigger.requestedBy === undefined ? '' : ` (<@${trigger.requestedBy}>)`}: ${trigger.summary ?? ''}`,
    status?.startedAt === undefined
      ? undefined
      : `Started ${status.startedAt}${status.duration === undefined ? '' : `, ${status.duration}`}`,
    ...(status?.steps ?? []).map(stepLine),
    ...(status?.approvals ?? []).map(
      (a) =>
        `• proposal \`${a.proposalId}\`: ${a.action} ${a.target ?? ''} — ${a.decision ?? 'awaiting approval'}${a.outcome === undefined ? '' : `, ${a.outcome}`}`,
    ),
  ];
  return cap(lines.filter((l): l is string => l !== undefined && l !== '').join('\n'));
}
