import { z } from 'zod';
import { conditionsSchema, counterSchema, observedGenerationSchema } from './conditions.ts';
import { duration } from './duration.ts';
import { celExpression, template } from './expressions.ts';
import { slackChannel } from './names.ts';
import { resourceSchema } from './resource.ts';
import { secretKeyRefSchema } from './secret-key-ref.ts';

/** A Sink delivers a run's outputs somewhere. `target` depends on `type`. */
export const sinkTypes = [
  'slack',
  'alertmanager',
  'jira',
  'pagerduty',
  'webhook',
  'stdout',
] as const;
export type SinkType = (typeof sinkTypes)[number];

const httpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'must be an http(s) URL');

const common = {
  template: template(16384)
    .optional()
    .describe(
      'Mustache template of the message over the run context; default: a summary per type.',
    ),
  condition: celExpression
    .optional()
    .describe('CEL over the finished run; deliver only when true.'),
};

// One description for all types: the CRD merges the branches into one field.
const credentials = secretKeyRefSchema.describe(
  "Secret key holding the credential: a Slack bot token (default: the deployment's), an Alertmanager or webhook bearer token, the Jira API token, or the PagerDuty routing key.",
);
const targetDoc =
  'Where to deliver; the fields depend on type: slack (channel, threaded), alertmanager (url, silenceDuration), jira (url, project, issueType, user), pagerduty (url, severity), webhook (url, method).';

export const sinkSpecSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('slack'),
      target: z
        .strictObject({
          channel: slackChannel.describe('Channel to post to (id or #name).'),
          threaded: z
            .boolean()
            .default(true)
            .describe("Reply in the incident's thread when the run has one."),
        })
        .describe(targetDoc),
      credentials: credentials.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('alertmanager'),
      target: z
        .strictObject({
          url: httpUrl.optional().describe('Alertmanager base URL; default: ALERTMANAGER_URL.'),
          silenceDuration: duration({ min: '1m', max: '168h' })
            .default('1h')
            .describe('How long the silence created for the alert lasts.'),
        })
        .optional()
        .describe(targetDoc),
      credentials: credentials.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('jira'),
      target: z
        .strictObject({
          url: httpUrl.describe('Jira base URL, e.g. https://example.atlassian.net.'),
          project: z
            .string()
            .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'must be a Jira project key such as OPS')
            .describe('Project key of the issues created.'),
          issueType: z
            .string()
            .min(1)
            .max(64)
            .default('Task')
            .describe('Issue type, e.g. Task or Incident.'),
          user: z
            .string()
            .min(1)
            .max(253)
            .optional()
            .describe('Account email for basic auth (Jira Cloud); unset: bearer token.'),
        })
        .describe(targetDoc),
      credentials,
      ...common,
    }),
    z.strictObject({
      type: z.literal('pagerduty'),
      target: z
        .strictObject({
          url: httpUrl.optional().describe("Events API v2 URL; default: PagerDuty's."),
          severity: z
            .enum(['critical', 'error', 'warning', 'info'])
            .default('error')
            .describe('Severity of the events sent.'),
        })
        .optional()
        .describe(targetDoc),
      credentials,
      ...common,
    }),
    z.strictObject({
      type: z.literal('webhook'),
      target: z
        .strictObject({
          url: httpUrl.describe('URL the JSON is sent to.'),
          method: z.enum(['POST', 'PUT']).default('POST').describe('HTTP method.'),
        })
        .describe(targetDoc),
      credentials: credentials.optional(),
      ...common,
    }),
    z.strictObject({ type: z.literal('stdout'), ...common }),
  ])
  .describe(
    'Where run outputs go: slack, alertmanager (silence), jira, pagerduty, webhook or stdout; target and credentials depend on type.',
  );

export const sinkStatusSchema = z
  .strictObject({
    conditions: conditionsSchema.optional(),
    observedGeneration: observedGenerationSchema,
    messagesSent: counterSchema('messages delivered'),
    messagesFailed: counterSchema('deliveries that failed'),
    lastSentTime: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the last delivery succeeded.'),
    lastError: z.string().max(4096).optional().describe('The last delivery error, if any.'),
  })
  .describe('Observed state of the Sink, written by the controller.');

export const sinkSchema = resourceSchema('Sink', 'dns-label', sinkSpecSchema, sinkStatusSchema);

export type SinkSpec = z.infer<typeof sinkSpecSchema>;
export type SinkStatus = z.infer<typeof sinkStatusSchema>;
export type Sink = z.infer<typeof sinkSchema>;
