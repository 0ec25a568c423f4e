import { z } from 'zod';
import { duration } from './duration.ts';
import { labelMatcherSchema } from './label-matcher.ts';
import { labelKey } from './names.ts';
import { secretKeyRefSchema } from './secret-key-ref.ts';
import { celString, re2Source, withRules } from './validation-rule.ts';

/** What Sources that receive events share: auth, filters, dedup, rate limit, classification. */
export const sourceAuthSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('bearer'),
      secretKeyRef: secretKeyRefSchema.describe(
        'The Secret key holding the token; requests must send Authorization: Bearer <token>.',
      ),
    }),
    z.strictObject({
      type: z.literal('basic'),
      username: z.string().min(1).max(253).describe('User name for basic auth.'),
      secretKeyRef: secretKeyRefSchema.describe('The Secret key holding the password.'),
    }),
  ])
  .describe(
    'How webhook requests authenticate: bearer (token) or basic (username and password); the secret comes from a Secret.',
  );

const reservedPaths = /^\/(healthz|readyz|metrics|slack)(\/|$)/;

export const webhookPathSchema = withRules(
  z
    .string()
    .min(2)
    .max(200)
    .regex(/^\/[a-z0-9][a-z0-9/_.-]*$/, 'must be an absolute path such as /hooks/grafana'),
  [
    {
      rule: `!self.matches(${celString(re2Source(reservedPaths))})`,
      message: 'must not be /healthz, /readyz, /metrics or under /slack',
      check: (value) => (reservedPaths.test(value) ? [{ path: [] }] : []),
    },
  ],
).describe('An extra webhook path for this Source, besides /webhooks/<namespace>/<name>.');

export const sourceFiltersSchema = z
  .strictObject({
    matchers: z
      .array(labelMatcherSchema)
      .max(32)
      .optional()
      .describe('Label matchers; an alert must match all of them.'),
    severities: z
      .array(z.string().min(1).max(63))
      .max(16)
      .optional()
      .describe('Severity label values to accept; empty accepts any.'),
    alertnames: z
      .array(z.string().min(1).max(253))
      .max(128)
      .optional()
      .describe('Alert names to accept; empty accepts any.'),
  })
  .describe('Which events start a run; all given filters must match.');

export const dedupKeys = ['group', 'alert', 'workload'] as const;

export const dedupSchema = z
  .strictObject({
    window: duration({ min: '1s', max: '24h' })
      .default('5m')
      .describe('Events with the same key within this window start one run.'),
    key: z
      .enum(dedupKeys)
      .default('group')
      .describe(
        'What makes events duplicates: group (Alertmanager group key), alert (alert fingerprint), workload (the owning workload).',
      ),
  })
  .describe('De-duplication of events.');

export const rateLimitSchema = z
  .strictObject({
    eventsPerSecond: z
      .number()
      .positive()
      .max(1000)
      .default(10)
      .describe('Sustained events per second accepted; more get HTTP 429.'),
    burst: z
      .int()
      .min(1)
      .max(10_000)
      .default(50)
      .describe('Events accepted at once above the rate.'),
  })
  .describe('Token-bucket limit of events accepted by this Source.');

export const priorities = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;

export const classificationSchema = z
  .strictObject({
    environmentLabel: labelKey
      .default('environment')
      .describe("Namespace label whose value is the event's environment, e.g. production."),
    priorities: z
      .array(
        z.strictObject({
          severity: z
            .string()
            .min(1)
            .max(63)
            .optional()
            .describe('Severity this row applies to; empty: any.'),
          environment: z
            .string()
            .min(1)
            .max(63)
            .optional()
            .describe('Environment this row applies to; empty: any.'),
          priority: z.enum(priorities).describe('Priority of matching events, P1 (highest) to P5.'),
        }),
      )
      .max(64)
      .optional()
      .describe('Overrides of the priority table; the first matching row wins.'),
  })
  .describe('How events are classified (environment, priority).');
