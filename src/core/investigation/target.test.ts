import { describe, expect, it } from 'vitest';
import { candidatesFromLabels, parseTarget } from './target.ts';

describe('parseTarget', () => {
  it('reads kubectl kind names, our Kind/namespace/name refs and bare names', () => {
    expect(parseTarget('deploy/web', 'shop')).toEqual({
      ok: true,
      target: { by: 'ref', kind: 'Deployment', name: 'web', namespace: 'shop' },
    });
    expect(parseTarget('deployments.apps/web', 'shop')).toMatchObject({
      ok: true,
      target: { kind: 'Deployment' },
    });
    expect(parseTarget('Deployment/payments/api', 'shop')).toEqual({
      ok: true,
      target: { by: 'ref', kind: 'Deployment', name: 'api', namespace: 'payments' },
    });
    expect(parseTarget('no/node-1', 'shop')).toEqual({
      ok: true,
      target: { by: 'ref', kind: 'Node', name: 'node-1', namespace: '' },
    });
    expect(parseTarget('pvc/data', 'shop')).toMatchObject({
      ok: true,
      target: { kind: 'PersistentVolumeClaim' },
    });
    expect(parseTarget('storageclasses/x', 'shop')).toMatchObject({
      ok: false,
      message: 'cannot investigate a StorageClass; name a workload, Pod, Service, Node…',
    });
    expect(parseTarget('checkout', 'shop')).toEqual({
      ok: true,
      target: { by: 'name', name: 'checkout', namespace: 'shop' },
    });
  });

  it('refuses unknown kinds, invalid names and odd shapes, saying why', () => {
    expect(parseTarget('widget/x', 'shop')).toEqual({
      ok: false,
      message: 'unknown kind "widget"',
    });
    expect(parseTarget('deploy/Web_1', 'shop')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a valid Kubernetes name'),
    });
    expect(parseTarget('a/b/c/d', 'shop')).toMatchObject({ ok: false });
    expect(parseTarget('deploy/', 'shop')).toMatchObject({ ok: false });
  });
});

describe('candidatesFromLabels', () => {
  it('orders the objects an alert names from the most specific, then its namespace', () => {
    expect(
      candidatesFromLabels({
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: 'web-1',
        container: 'app',
        node: 'node-1',
      }),
    ).toEqual([
      { kind: 'Pod', name: 'web-1', namespace: 'shop' },
      { kind: 'Node', name: 'node-1', namespace: '' },
      { kind: 'Namespace', name: 'shop', namespace: '' },
    ]);
  });

  it('prefers exported_* labels (honorLabels off) over the scrape target’s own', () => {
    const labels = {
      namespace: 'monitoring',
      pod: 'kube-state-metrics-0',
      exported_namespace: 'shop',
      exported_pod: 'web-1',
    };
    expect(candidatesFromLabels(labels)[0]).toEqual({
      kind: 'Pod',
      name: 'web-1',
      namespace: 'shop',
    });
  });
});
