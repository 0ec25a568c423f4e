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
  const valid = checkAlertmanagerWebhook(body);
  if (valid !== undefined) return { ok: true, value: valid };
  const parsed = alertmanagerWebhookSchema.safeParse(body);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error) };
}

/*
 * The schema's rules checked by hand, for the common case: a valid body,
 * on every webhook request (zod's general machinery costs several times
 * more). It accepts only what the schema accepts and returns what the
 * schema would (unknown keys stripped, defaults filled); anything it is not
 * sure of — including every invalid body — it leaves to the schema, which
 * names the problem. alertmanager-webhook.test.ts holds the two together.
 */
type Json = Record<string, unknown>;

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function isJsonObject(value: unknown): value is Json {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

const isString = (value: unknown, max: number, min = 0): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

const isStatus = (value: unknown): value is 'firing' | 'resolved' =>
  value === 'firing' || value === 'resolved';

/** A label or annotation map, returned as is (the schema would copy it key by key). */
function checkMap(value: unknown, maxValue: number): Record<string, string> | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length > webhookLimits.maxLabels) return undefined;
  for (const key of keys) {
    if (key === '__proto__' || key.length > webhookLimits.maxLabelNameLength) return undefined;
    if (!labelNamePattern.test(key) || !isString(value[key], maxValue)) return undefined;
  }
  return value as Record<string, string>;
}

function checkAlert(value: unknown): AlertmanagerAlert | undefined {
  if (!isJsonObject(value)) return undefined;
  const { status: s, startsAt, endsAt, fingerprint } = value;
  const labels = checkMap(value.labels, webhookLimits.maxLabelValueLength);
  const annotations =
    value.annotations === undefined
      ? {}
      : checkMap(value.annotations, webhookLimits.maxAnnotationValueLength);
  const generatorURL = value.generatorURL === undefined ? '' : value.generatorURL;
  if (!isStatus(s) || labels === undefined || annotations === undefined) return undefined;
  if (!isTimestamp(startsAt) || !isTimestamp(endsAt) || !isString(fingerprint, 64, 1))
    return undefined;
  if (!isString(generatorURL, webhookLimits.maxUrlLength)) return undefined;
  return { status: s, labels, annotations, startsAt, endsAt, generatorURL, fingerprint };
}

function checkAlerts(value: unknown): AlertmanagerAlert[] | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > webhookLimits.maxAlerts)
    return undefined;
  const alerts: AlertmanagerAlert[] = [];
  for (const item of value) {
    const alert = checkAlert(item);
    if (alert === undefined) return undefined;
    alerts.push(alert);
  }
  return alerts;
}

export function checkAlertmanagerWebhook(body: unknown): AlertmanagerWebhook | undefined {
  if (!isJsonObject(body) || body.version !== '4') return undefined;
  const { groupKey, status: s, receiver, externalURL } = body;
  const truncatedAlerts = body.truncatedAlerts === undefined ? 0 : body.truncatedAlerts;
  const max = webhookLimits.maxLabelValueLength;
  if (!isString(groupKey, max, 1) || !isStatus(s) || !isString(receiver, max)) return undefined;
  if (!isString(externalURL, webhookLimits.maxUrlLength)) return undefined;
  if (typeof truncatedAlerts !== 'number' || !Number.isSafeInteger(truncatedAlerts))
    return undefined;
  const groupLabels = checkMap(body.groupLabels, max);
  const commonLabels = checkMap(body.commonLabels, max);
  const commonAnnotations = checkMap(
    body.commonAnnotations,
    webhookLimits.maxAnnotationValueLength,
  );
  const alerts = checkAlerts(body.alerts);
  if (truncatedAlerts < 0 || !groupLabels || !commonLabels || !commonAnnotations || !alerts)
    return undefined;
  return {
    version: '4',
    groupKey,
    truncatedAlerts,
    status: s,
    receiver,
    groupLabels,
    commonLabels,
    commonAnnotations,
    externalURL,
    alerts,
  };
}
