import { z } from 'zod';

/**
 * Alertmanager's webhook payload, version 4 (the format of
 * `webhook_configs`): parsed strictly enough that a malformed or hostile
 * body is refused with the field named, leniently enough that new optional
 * fields Alertmanager may add do not break ingest.
 */
export const webhookLimits = {
  maxAlerts: 1_000,
  maxLabels: 64,
  maxLabelNameLength: 256,
  maxLabelValueLength: 4_096,
  maxAnnotationValueLength: 16_384,
  maxUrlLength: 8_192,
} as const;

const labelName = z
  .string()
  .min(1, 'label name is empty')
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label name must match [a-zA-Z_][a-zA-Z0-9_]*')
  .max(
    webhookLimits.maxLabelNameLength,
    `label name longer than ${webhookLimits.maxLabelNameLength}`,
  );

const kv = (maxValue: number) =>
  z
    .record(labelName, z.string().max(maxValue, `value longer than ${maxValue} characters`))
    .refine((r) => Object.keys(r).length <= webhookLimits.maxLabels, {
      message: `more than ${webhookLimits.maxLabels} entries`,
    });

const labels = kv(webhookLimits.maxLabelValueLength);
const annotations = kv(webhookLimits.maxAnnotationValueLength);

const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), {
  message: 'must be an RFC 3339 timestamp',
});

const status = z.enum(['firing', 'resolved'], { message: 'must be "firing" or "resolved"' });

export const alertSchema = z.object({
  status,
  labels,
  annotations: annotations.default({}),
  startsAt: timestamp,
  endsAt: timestamp,
  generatorURL: z.string().max(webhookLimits.maxUrlLength).default(''),
  fingerprint: z.string().min(1).max(64),
});

export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4', { message: 'only webhook payload version "4" is supported' }),
  groupKey: z.string().min(1).max(webhookLimits.maxLabelValueLength),
  truncatedAlerts: z.number().int().min(0).default(0),
  status,
  receiver: z.string().max(webhookLimits.maxLabelValueLength),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: annotations,
  externalURL: z.string().max(webhookLimits.maxUrlLength),
  alerts: z
    .array(alertSchema)
    .min(1, 'must hold at least one alert')
    .max(webhookLimits.maxAlerts, `more than ${webhookLimits.maxAlerts} alerts in one body`),
});

export type AlertmanagerAlert = z.infer<typeof alertSchema>;
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

/** Alertmanager sends the zero time as `endsAt` of a firing alert. */
export function isZeroTime(value: string): boolean {
  return value.startsWith('0001-01-01');
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** zod issues as `alerts[3].labels.severity: value longer than …`, a few at most. */
export function describeIssues(error: z.ZodError, max = 5): FieldProblem[] {
  return error.issues.slice(0, max).map((issue) => ({
    field:
      issue.path.reduce<string>(
        (acc, part) =>
          typeof part === 'number'
            ? `${acc}[${part}]`
            : acc === ''
              ? String(part)
              : `${acc}.${String(part)}`,
        '',
      ) || '(body)',
    message: innerMessage(issue),
  }));
}

/** zod reports a bad record key as "Invalid key in record"; the key's own rule says more. */
function innerMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  return issue.message;
}

export function parseAlertmanagerWebhook(body: unknown): ParseOutcome<AlertmanagerWebhook> {
  const parsed = alertmanagerWebhookSchema.safeParse(body);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error) };
}
