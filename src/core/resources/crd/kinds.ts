import { sinkSpecSchema, sinkStatusSchema } from '../sink.ts';
import { sourceSpecSchema, sourceStatusSchema } from '../source.ts';
import { workflowSpecSchema, workflowStatusSchema } from '../workflow.ts';
import { workflowRunSpecSchema, workflowRunStatusSchema } from '../workflow-run.ts';
import {
  ageColumn,
  type CustomResourceDefinition,
  customResourceDefinition,
  type KindDefinition,
  readyColumn,
} from './custom-resource-definition.ts';

/** The four kinds: names, printer columns and schemas. One generator per kind. */
export const sourceKind: KindDefinition = {
  kind: 'Source',
  plural: 'sources',
  singular: 'source',
  shortNames: ['pfsrc'],
  description:
    'A Source turns triggers (Alertmanager webhooks, Slack mentions, cron ticks, API calls, Kubernetes events) into runs of a Workflow.',
  nameFormat: 'dns-label',
  spec: sourceSpecSchema,
  status: sourceStatusSchema,
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    { name: 'Workflow', type: 'string', jsonPath: '.spec.workflowRef.name' },
    readyColumn,
    {
      name: 'Events',
      type: 'integer',
      jsonPath: '.status.eventsReceived',
      description: 'Events received.',
    },
    { name: 'Runs', type: 'integer', jsonPath: '.status.runsStarted', priority: 1 },
    { name: 'Last Event', type: 'date', jsonPath: '.status.lastEventTime', priority: 1 },
    ageColumn,
  ],
};

export const workflowKind: KindDefinition = {
  kind: 'Workflow',
  plural: 'workflows',
  singular: 'workflow',
  shortNames: ['pfwf'],
  description:
    'A Workflow is the steps run for each trigger (analyze, agent, cli, conditional, remediate), its budgets, outputs and Sinks.',
  nameFormat: 'dns-label',
  spec: workflowSpecSchema,
  status: workflowStatusSchema,
  columns: [
    {
      name: 'Steps',
      type: 'integer',
      jsonPath: '.status.stepCount',
      description: 'Number of steps.',
    },
    readyColumn,
    { name: 'Last Run', type: 'string', jsonPath: '.status.lastRunName', priority: 1 },
    ageColumn,
  ],
};

export const sinkKind: KindDefinition = {
  kind: 'Sink',
  plural: 'sinks',
  singular: 'sink',
  shortNames: ['pfsink'],
  description:
    'A Sink delivers the outputs of runs: a Slack thread, an Alertmanager silence, a Jira issue, a PagerDuty event, a webhook or stdout.',
  nameFormat: 'dns-label',
  spec: sinkSpecSchema,
  status: sinkStatusSchema,
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    readyColumn,
    {
      name: 'Sent',
      type: 'integer',
      jsonPath: '.status.messagesSent',
      description: 'Messages delivered.',
    },
    { name: 'Last Error', type: 'string', jsonPath: '.status.lastError', priority: 1 },
    ageColumn,
  ],
};

export const workflowRunKind: KindDefinition = {
  kind: 'WorkflowRun',
  plural: 'workflowruns',
  singular: 'workflowrun',
  shortNames: ['pfrun'],
  description:
    'A WorkflowRun records one run of a Workflow: trigger, phase, steps, approvals, usage and timings.',
  nameFormat: 'dns-subdomain',
  spec: workflowRunSpecSchema,
  status: workflowRunStatusSchema,
  columns: [
    { name: 'Workflow', type: 'string', jsonPath: '.spec.workflowRef.name' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Trigger', type: 'string', jsonPath: '.spec.trigger.type' },
    { name: 'Started', type: 'date', jsonPath: '.status.startedAt' },
    {
      name: 'Duration',
      type: 'string',
      jsonPath: '.status.duration',
      description: 'Wall time, e.g. 1m32s.',
    },
    { name: 'Source', type: 'string', jsonPath: '.spec.trigger.source', priority: 1 },
    { name: 'Summary', type: 'string', jsonPath: '.spec.trigger.summary', priority: 1 },
    ageColumn,
  ],
};

export const resourceKinds: readonly KindDefinition[] = [
  sourceKind,
  workflowKind,
  sinkKind,
  workflowRunKind,
];

export const sourceCrd = (): CustomResourceDefinition => customResourceDefinition(sourceKind);
export const workflowCrd = (): CustomResourceDefinition => customResourceDefinition(workflowKind);
export const sinkCrd = (): CustomResourceDefinition => customResourceDefinition(sinkKind);
export const workflowRunCrd = (): CustomResourceDefinition =>
  customResourceDefinition(workflowRunKind);

export function allCrds(): CustomResourceDefinition[] {
  return resourceKinds.map(customResourceDefinition);
}
