import { z } from 'zod';
import { conditionsSchema, counterSchema, observedGenerationSchema } from './conditions.ts';
import { scheduleSchema } from './cron-schedule.ts';
import { localRef } from './names.ts';
import { resourceSchema } from './resource.ts';
import {
  classificationSchema,
  dedupSchema,
  rateLimitSchema,
  sourceAuthSchema,
  sourceFiltersSchema,
  webhookPathSchema,
} from './source-ingest.ts';
import { apiMappingSchema, kubernetesWatchSchema, slackSourceSchema } from './source-inputs.ts';

/**
 * A Source turns triggers into runs of a Workflow. Which settings apply
 * depends on `type`; a setting of another type is rejected.
 */
export const sourceTypes = ['alertmanager', 'slack', 'schedule', 'api', 'kubernetes'] as const;
export type SourceType = (typeof sourceTypes)[number];

const common = {
  workflowRef: localRef('Workflow'),
  suspend: z.boolean().default(false).describe('When true, events are counted and dropped.'),
};

const webhook = {
  auth: sourceAuthSchema.optional(),
  path: webhookPathSchema.optional(),
  filters: sourceFiltersSchema.optional(),
};

const ingest = {
  dedup: dedupSchema.prefault({}),
  rateLimit: rateLimitSchema.prefault({}),
  classification: classificationSchema.prefault({}),
};

export const sourceSpecSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('alertmanager'), ...common, ...webhook, ...ingest }),
    z.strictObject({
      type: z.literal('api'),
      ...common,
      ...webhook,
      api: apiMappingSchema,
      ...ingest,
    }),
    z.strictObject({
      type: z.literal('slack'),
      ...common,
      slack: slackSourceSchema.prefault({}),
      rateLimit: rateLimitSchema.prefault({}),
    }),
    z.strictObject({ type: z.literal('schedule'), ...common, schedule: scheduleSchema }),
    z.strictObject({
      type: z.literal('kubernetes'),
      ...common,
      kubernetes: kubernetesWatchSchema,
      ...ingest,
    }),
  ])
  .describe(
    'What triggers runs (type: alertmanager, slack, schedule, api or kubernetes), how events are filtered and de-duplicated, and which Workflow runs.',
  );

const dateTime = z.iso.datetime({ offset: true });

export const sourceStatusSchema = z
  .strictObject({
    conditions: conditionsSchema.optional(),
    observedGeneration: observedGenerationSchema,
    eventsReceived: counterSchema('events received'),
    eventsDeduplicated: counterSchema('events dropped as duplicates'),
    eventsFiltered: counterSchema('events dropped by filters'),
    eventsRateLimited: counterSchema('events refused by the rate limit'),
    runsStarted: counterSchema('runs started'),
    lastEventTime: dateTime.optional().describe('When the last event arrived.'),
    lastRunName: z.string().max(253).optional().describe('Name of the last WorkflowRun started.'),
    webhookPath: z.string().max(512).optional().describe('Path this Source receives webhooks on.'),
    nextScheduleTime: dateTime.optional().describe('Next tick of a schedule Source.'),
  })
  .describe('Observed state of the Source, written by the controller.');

export const sourceSchema = resourceSchema(
  'Source',
  'dns-label',
  sourceSpecSchema,
  sourceStatusSchema,
);

export type SourceSpec = z.infer<typeof sourceSpecSchema>;
export type SourceStatus = z.infer<typeof sourceStatusSchema>;
export type Source = z.infer<typeof sourceSchema>;
