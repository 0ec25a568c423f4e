import { describe, expect, it } from 'vitest';
import {
  alertmanagerWebhookSchema,
  checkAlertmanagerWebhook,
  parseAlertmanagerWebhook,
} from './alertmanager-webhook.ts';

/**
 * The hand-written check of a webhook body (the fast path of every request)
 * must agree with the zod schema: accept only what the schema accepts, and
 * return what the schema returns. Checked over valid bodies and over every
 * field broken in the ways a hostile or buggy sender would break it.
 */
type Body = Record<string, unknown>;

const alert = (overrides: Body = {}): Body => ({
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    namespace: 'shop',
    pod: 'web-1',
    severity: 'warning',
  },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-22T03:14:00.000Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph?g0.expr=up',
  fingerprint: 'a1b2c3d4e5f60718',
  ...overrides,
});

const body = (overrides: Body = {}, alerts: Body[] = [alert()]): Body => ({
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'punchingfist',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: { alertname: 'KubePodCrashLooping', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
  ...overrides,
});

const without = (value: Body, key: string): Body => {
  const { [key]: _, ...rest } = value;
  return rest;
};

const many = (n: number, value: (i: number) => unknown) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, value(i)]));

const valid: [string, unknown][] = [
  ['a typical notification', body()],
  [
    'several alerts, one resolved',
    body({}, [alert(), alert({ status: 'resolved', endsAt: '2026-11-22T03:20:00Z' })]),
  ],
  ['no truncatedAlerts (defaults to 0)', without(body(), 'truncatedAlerts')],
  [
    'an alert without annotations or generatorURL (defaults)',
    body({}, [without(without(alert(), 'annotations'), 'generatorURL')]),
  ],
  ['unknown keys (stripped)', body({ extra: { x: 1 } }, [alert({ silencedBy: [] })])],
  [
    '64 labels of the longest allowed values',
    body({ commonLabels: many(64, () => 'v'.repeat(4096)) }),
  ],
  ['an empty receiver and externalURL', body({ receiver: '', externalURL: '' })],
  [
    '1,000 alerts',
    body(
      {},
      Array.from({ length: 1000 }, () => alert()),
    ),
  ],
  ['JSON text as it arrives', JSON.parse(JSON.stringify(body()))],
];

const broken: [string, unknown][] = [
  ['null', null],
  ['an array', [body()]],
  ['a string', 'hello'],
  ['version 3', body({ version: '3' })],
  ['version as a number', body({ version: 4 })],
  ['no groupKey', without(body(), 'groupKey')],
  ['an empty groupKey', body({ groupKey: '' })],
  ['a groupKey too long', body({ groupKey: 'g'.repeat(4097) })],
  ['truncatedAlerts null', body({ truncatedAlerts: null })],
  ['truncatedAlerts negative', body({ truncatedAlerts: -1 })],
  ['truncatedAlerts fractional', body({ truncatedAlerts: 1.5 })],
  ['truncatedAlerts as text', body({ truncatedAlerts: '0' })],
  ['status unknown', body({ status: 'pending' })],
  ['receiver a number', body({ receiver: 1 })],
  ['externalURL too long', body({ externalURL: 'u'.repeat(8193) })],
  ['groupLabels an array', body({ groupLabels: [] })],
  ['commonLabels null', body({ commonLabels: null })],
  ['a label name with a dash', body({ commonLabels: { 'bad-name': 'x' } })],
  ['a label name starting with a digit', body({ commonLabels: { '1abc': 'x' } })],
  ['a numeric label name', body({ commonLabels: { 7: 'x' } })],
  ['a label name too long', body({ commonLabels: { [`a${'b'.repeat(256)}`]: 'x' } })],
  ['a label value a number', body({ commonLabels: { severity: 3 } })],
  ['a label value too long', body({ commonLabels: { severity: 'v'.repeat(4097) } })],
  ['65 labels', body({ commonLabels: many(65, () => 'v') })],
  ['an annotation too long', body({ commonAnnotations: { summary: 's'.repeat(16_385) } })],
  ['no alerts', body({}, [])],
  ['alerts not an array', body({ alerts: { 0: alert() } })],
  [
    '1,001 alerts',
    body(
      {},
      Array.from({ length: 1001 }, () => alert()),
    ),
  ],
  ['an alert null', body({}, [alert(), null as unknown as Body])],
  ['an alert without labels', body({}, [without(alert(), 'labels')])],
  ['an alert with annotations null', body({}, [alert({ annotations: null })])],
  ['an alert with generatorURL null', body({}, [alert({ generatorURL: null })])],
  ['an alert with generatorURL too long', body({}, [alert({ generatorURL: 'u'.repeat(8193) })])],
  ['an alert status unknown', body({}, [alert({ status: 'unknown' })])],
  ['startsAt not a time', body({}, [alert({ startsAt: 'yesterday' })])],
  ['endsAt missing', body({}, [without(alert(), 'endsAt')])],
  ['an empty fingerprint', body({}, [alert({ fingerprint: '' })])],
  ['a fingerprint too long', body({}, [alert({ fingerprint: 'f'.repeat(65) })])],
  ['a bad label in the second alert', body({}, [alert(), alert({ labels: { 'x y': '1' } })])],
];

/** Bodies the schema takes that the check leaves to it (rare enough not to matter for speed). */
const deferred: [string, unknown][] = [
  [
    'a __proto__ label (the schema drops it)',
    JSON.parse(
      '{"version":"4","groupKey":"g","status":"firing","receiver":"r","groupLabels":{},"commonLabels":{"__proto__":"x"},"commonAnnotations":{},"externalURL":"","alerts":[{"status":"firing","labels":{},"startsAt":"2026-11-22T03:14:00Z","endsAt":"2026-11-22T03:14:00Z","fingerprint":"f"}]}',
    ),
  ],
];

describe('the fast check of a webhook body', () => {
  it.each(valid)('takes %s, returning exactly what the schema returns', (_, input) => {
    const viaSchema = alertmanagerWebhookSchema.safeParse(input);
    expect(viaSchema.success).toBe(true);
    expect(checkAlertmanagerWebhook(input)).toStrictEqual(viaSchema.data);
  });

  it.each(broken)('leaves %s to the schema, which refuses it', (_, input) => {
    expect(alertmanagerWebhookSchema.safeParse(input).success).toBe(false);
    expect(checkAlertmanagerWebhook(input)).toBeUndefined();
  });

  it.each(deferred)('leaves %s to the schema, which takes it', (_, input) => {
    expect(checkAlertmanagerWebhook(input)).toBeUndefined();
    expect(parseAlertmanagerWebhook(input).ok).toBe(true);
  });

  it('still names the field of a refused body', () => {
    const outcome = parseAlertmanagerWebhook(body({}, [alert({ fingerprint: '' })]));
    expect(outcome).toMatchObject({ ok: false, problems: [{ field: 'alerts[0].fingerprint' }] });
  });
});
