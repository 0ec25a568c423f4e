import { describe, expect, it } from 'vitest';
import { parseResource } from '../resources/index.ts';
import { type ApiSource, apiEvent, mapField } from './api-events.ts';

function source(mapping: Record<string, unknown>): ApiSource {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'hook', namespace: 'ops' },
    spec: { type: 'api', workflowRef: { name: 'triage' }, api: { mapping } },
  });
  if (!r.ok || r.resource.kind !== 'Source') throw new Error(JSON.stringify(r));
  return r.resource as ApiSource;
}
const now = new Date('2026-11-22T07:00:00Z');

describe('api mapping', () => {
  it('renders mustache over the body without HTML escaping, and joins wildcard matches', () => {
    expect(mapField('{{body.a}} & {{body.b}}', { a: '<x>', b: 2 })).toBe('<x> & 2');
    expect(mapField('$.items[*].id', { items: [{ id: 1 }, { id: 2 }] })).toBe('1, 2');
    expect(mapField('$.missing', {})).toBeUndefined();
  });

  it('fingerprints by the mapped fingerprint, else by the labels', () => {
    const byId = source({ summary: '$.t', fingerprint: '$.id' });
    const a = apiEvent({ t: 'one', id: 'x' }, byId, now);
    const b = apiEvent({ t: 'two', id: 'x' }, byId, now);
    expect(a.ok && b.ok && a.event.fingerprint === b.event.fingerprint).toBe(true);
    const byLabels = source({ summary: '$.t', labels: { app: '$.app' } });
    const c = apiEvent({ t: 'one', app: 'web' }, byLabels, now);
    const d = apiEvent({ t: 'one', app: 'db' }, byLabels, now);
    expect(c.ok && d.ok && c.event.fingerprint !== d.event.fingerprint).toBe(true);
  });

  it('names the mapping field when the body does not give what it needs', () => {
    const s = source({ summary: '$.title', status: '$.state' });
    expect(apiEvent({}, s, now)).toMatchObject({ ok: false, field: 'mapping.summary' });
    expect(apiEvent({ title: 't', state: 'open' }, s, now)).toMatchObject({
      ok: false,
      field: 'mapping.status',
    });
    expect(apiEvent({ title: 't', state: 'resolved' }, s, now)).toMatchObject({
      ok: true,
      event: { status: 'resolved', title: 't' },
    });
  });
});
