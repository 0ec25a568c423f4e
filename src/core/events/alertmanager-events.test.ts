import { describe, expect, it } from 'vitest';
import type { AlertmanagerWebhook } from '../alerts/alertmanager-webhook.ts';
import { parseResource } from '../resources/index.ts';
import { type AlertmanagerSource, alertmanagerEvents } from './alertmanager-events.ts';

function source(spec: Record<string, unknown> = {}): AlertmanagerSource {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'am', namespace: 'ops' },
    spec: { type: 'alertmanager', workflowRef: { name: 'triage' }, ...spec },
  });
  if (!r.ok || r.resource.kind !== 'Source' || r.resource.spec.type !== 'alertmanager')
    throw new Error(JSON.stringify(r));
  return r.resource as AlertmanagerSource;
}

const alert = (pod: string, severity = 'warning', status: 'firing' | 'resolved' = 'firing') => ({
  status,
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod, severity },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-22T03:14:00Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-22T03:20:00Z',
  generatorURL: 'http://prometheus/graph?g0.expr=up',
  fingerprint: `fp-${pod}`,
});

function payload(
  alerts: ReturnType<typeof alert>[],
  status: 'firing' | 'resolved' = 'firing',
): AlertmanagerWebhook {
  return {
    version: '4',
    groupKey: '{}:{alertname="KubePodCrashLooping", namespace="shop"}',
    truncatedAlerts: 0,
    status,
    receiver: 'punchingfist',
    groupLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop' },
    commonLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop', severity: 'warning' },
    commonAnnotations: { summary: 'Pod is crash looping.' },
    externalURL: 'http://alertmanager',
    alerts,
  };
}

const now = new Date('2026-11-22T03:15:00Z');

describe('alertmanagerEvents', () => {
  it('makes one event per group by default, with a stable fingerprint of the group key', () => {
    const a = alertmanagerEvents(
      payload([alert('checkout-1'), alert('checkout-2')]),
      source(),
      now,
    );
    const b = alertmanagerEvents(payload([alert('checkout-3')]), source(), now);
    expect(a.events).toHaveLength(1);
    const [event] = a.events;
    expect(event).toMatchObject({
      status: 'firing',
      workflow: 'triage',
      source: { namespace: 'ops', name: 'am', type: 'alertmanager' },
      title: 'KubePodCrashLooping: shop (2 alerts)',
      severity: 'warning',
      receivedAt: '2026-11-22T03:15:00.000Z',
    });
    expect(event?.alerts.map((x) => x.fingerprint)).toEqual(['fp-checkout-1', 'fp-checkout-2']);
    expect(event?.alerts[0]).not.toHaveProperty('endsAt');
    expect(b.events[0]?.fingerprint).toBe(event?.fingerprint);
    expect(b.events[0]?.title).toBe('KubePodCrashLooping: shop/checkout-3');
  });

  it('makes one event per alert with dedup key "alert"', () => {
    const out = alertmanagerEvents(
      payload([alert('a'), alert('b')]),
      source({ dedup: { key: 'alert' } }),
      now,
    );
    expect(out.events.map((e) => e.title)).toEqual([
      'KubePodCrashLooping: shop/a',
      'KubePodCrashLooping: shop/b',
    ]);
    expect(new Set(out.events.map((e) => e.fingerprint)).size).toBe(2);
  });

  it('keeps only the alerts the filters accept, and counts the rest', () => {
    const filters = {
      matchers: [{ label: 'severity', operator: '=~', value: 'critical|page' }],
      alertnames: ['KubePodCrashLooping'],
    };
    const out = alertmanagerEvents(
      payload([alert('x', 'critical'), alert('y', 'info')]),
      source({ filters }),
      now,
    );
    expect(out.filtered).toBe(1);
    expect(out.events[0]?.alerts.map((a) => a.labels.pod)).toEqual(['x']);
    expect(out.events[0]?.severity).toBe('critical');
    const none = alertmanagerEvents(payload([alert('z', 'info')]), source({ filters }), now);
    expect(none).toEqual({ events: [], filtered: 1 });
  });

  it('marks a group resolved only when none of its alerts still fires', () => {
    const resolved = alertmanagerEvents(
      payload([alert('a', 'warning', 'resolved')], 'resolved'),
      source(),
      now,
    );
    expect(resolved.events[0]?.status).toBe('resolved');
    expect(resolved.events[0]?.alerts[0]?.endsAt).toBe('2026-11-22T03:20:00Z');
    const mixed = alertmanagerEvents(
      payload([alert('a', 'warning', 'resolved'), alert('b')]),
      source(),
      now,
    );
    expect(mixed.events[0]?.status).toBe('firing');
  });
});
