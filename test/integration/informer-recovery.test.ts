import type * as k8s from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restartApiserver } from '../../scripts/testenv/cluster.ts';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import {
  createResourceInformer,
  type ResourceInformer,
} from '../../src/adapters/kube/resource-informer.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/**
 * The informers the controllers are built on, against a real API server
 * that restarts under them: the watch drops, the informer comes back, and
 * an object created afterwards is seen.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'informer');
let informer: ResourceInformer<k8s.V1ConfigMap>;
const seen: string[] = [];

beforeAll(async () => {
  informer = createResourceInformer<k8s.V1ConfigMap>({
    kc: k.kc,
    path: `/api/v1/namespaces/${ns}/configmaps`,
    list: () => k.core.listNamespacedConfigMap({ namespace: ns }),
    logger: pino({ level: 'silent' }),
    maxBackoffMs: 2_000,
    onEvent: (e) => seen.push(`${e.type}:${e.object.metadata?.name}`),
  });
  await informer.start();
});
afterAll(async () => {
  await informer.stop();
});

describe('resource informer', () => {
  it('sees objects created before and after a kube-apiserver restart', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'before' } },
    });
    await eventually(
      'before seen',
      async () => (seen.includes('add:before') ? true : undefined),
      10_000,
    );

    await restartApiserver(testenvPaths());

    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'after' } },
    });
    await eventually(
      'after seen',
      async () => (seen.includes('add:after') ? true : undefined),
      30_000,
    );
    expect(
      informer
        .list()
        .map((c) => c.metadata?.name)
        .sort(),
    ).toEqual(expect.arrayContaining(['after', 'before']));
    await k.core.deleteNamespacedConfigMap({ namespace: ns, name: 'before' });
    await eventually(
      'delete seen',
      async () => (seen.includes('delete:before') ? true : undefined),
      10_000,
    );
  });
});
