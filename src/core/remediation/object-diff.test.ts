import { describe, expect, it } from 'vitest';
import { diffObjects, formatChanges } from './object-diff.ts';

describe('diffObjects', () => {
  it('lists changed, added and removed leaf fields as before → after', () => {
    const before = {
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'a:1' }] } } },
    };
    const after = {
      spec: {
        replicas: 5,
        template: {
          spec: {
            containers: [{ name: 'app', image: 'a:1', resources: { limits: { memory: '256Mi' } } }],
          },
        },
      },
    };
    expect(formatChanges(diffObjects(before, after))).toBe(
      [
        'spec.replicas: 3 → 5',
        'spec.template.spec.containers[0].resources.limits.memory: (unset) → 256Mi',
      ].join('\n'),
    );
    expect(diffObjects({ spec: { unschedulable: true } }, { spec: {} })).toEqual([
      { path: 'spec.unschedulable', before: true, after: undefined },
    ]);
  });

  it('leaves out what the API server rewrites on every write, and our own mark', () => {
    const before = { metadata: { resourceVersion: '1', generation: 1 }, status: { replicas: 1 } };
    const after = {
      metadata: {
        resourceVersion: '2',
        generation: 2,
        annotations: { 'punchingfist.io/last-action': '{"id":"p1"}' },
      },
      status: { replicas: 3 },
    };
    expect(diffObjects(before, after)).toEqual([]);
  });
});
