import { describe, expect, it } from 'vitest';
import { createRegistry } from './config-registry.ts';
import { parseResource, type Source } from './resources/index.ts';

function source(name: string, path?: string): Source {
  const r = parseResource({
    apiVersion: 'punchingfist.io/v1alpha1',
    kind: 'Source',
    metadata: { name, namespace: 'ops' },
    spec: {
      type: 'alertmanager',
      workflowRef: { name: 'triage' },
      ...(path === undefined ? {} : { path }),
    },
  });
  if (!r.ok || r.resource.kind !== 'Source') throw new Error(JSON.stringify(r));
  return r.resource;
}

describe('registry', () => {
  it('routes the standard and the custom webhook path, and forgets both when the Source changes or goes', () => {
    const registry = createRegistry();
    const changes: string[] = [];
    registry.onChange((c) =>
      changes.push(`${c.kind}:${c.name}:${c.resource === undefined ? 'gone' : 'set'}`),
    );
    registry.put(source('am', '/hooks/grafana'));
    expect(registry.sourceForPath('/webhooks/ops/am')?.metadata.name).toBe('am');
    expect(registry.sourceForPath('/hooks/grafana')?.metadata.name).toBe('am');

    registry.put(source('am'));
    expect(registry.sourceForPath('/hooks/grafana')).toBeUndefined();
    expect(registry.sourceForPath('/webhooks/ops/am')).toBeDefined();

    registry.remove('Source', 'ops', 'am');
    expect(registry.sourceForPath('/webhooks/ops/am')).toBeUndefined();
    expect(registry.sources()).toEqual([]);
    expect(changes).toEqual(['Source:am:set', 'Source:am:set', 'Source:am:gone']);
  });
});
