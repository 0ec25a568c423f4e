import * as k8s from '@kubernetes/client-node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createKubeCluster } from '../../src/adapters/kube/index.ts';
import { isAppError } from '../../src/core/errors.ts';
import type { ClusterPort } from '../../src/core/ports.ts';
import { eventually, podSpec, testNamespace } from '../support/kube.ts';

/**
 * The ClusterPort adapter against the real API server: typed reads, Secret
 * values never returned, the namespace policy, logs of a crashed container,
 * owner chains and events.
 */
const env = inject('testenv');
const password = 'hunter2-do-not-leak';
const { k, ns } = testNamespace(env.KUBECONFIG, 'cluster-port');
let cluster: ClusterPort;

beforeAll(async () => {
  cluster = createKubeCluster(k.kc);
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: {
        name: 'db',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            stringData: { password },
          }),
        },
      },
      stringData: { password, username: 'app' },
    },
  });
  await k.core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: {
        name: 'crasher',
        labels: {
          'sim.punchingfist.io/fault': 'crashloop',
          'sim.punchingfist.io/logs': 'crashloop-db',
        },
      },
      spec: podSpec('registry.example/crasher:1.0'),
    },
  });
  const labels = { app: 'web' };
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: podSpec('registry.example/web:1.0') },
      },
    },
  });
});

describe('createKubeCluster', () => {
  it('returns a Secret as its name and key names only, by get and by list', async () => {
    const secret = await cluster.get('Secret', 'db', ns);
    expect(secret).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'db', namespace: ns },
      type: 'Opaque',
      keys: ['password', 'username'],
    });
    const listed = await cluster.list('Secret', { namespace: ns });
    const text = JSON.stringify([secret, listed.items]);
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
    expect(text).not.toContain('last-applied');
  });

  it('answers undefined for an object that does not exist', async () => {
    expect(await cluster.get('Deployment', 'ghost', ns)).toBeUndefined();
    expect(await cluster.get('Node', 'ghost-node')).toBeUndefined();
  });

  it('reads the previous log of a crashed container, and nothing where there is none', async () => {
    const text = await eventually('previous log', async () => {
      const log = await cluster.logs({
        namespace: ns,
        pod: 'crasher',
        previous: true,
        tailLines: 3,
      });
      return log?.includes('FATAL') ? log : undefined;
    });
    expect(text.trim().split('\n')).toHaveLength(3);
    const pod = await eventually(
      'web pod',
      async () => (await cluster.list('Pod', { namespace: ns, labelSelector: 'app=web' })).items[0],
    );
    expect(
      await cluster.logs({ namespace: ns, pod: pod.metadata.name, previous: true }),
    ).toBeUndefined();
  });

  it('follows a pod up to its Deployment, and lists the events about an object', async () => {
    const pod = await eventually(
      'web pod',
      async () => (await cluster.list('Pod', { namespace: ns, labelSelector: 'app=web' })).items[0],
    );
    const chain = await cluster.ownerChain(pod);
    expect(chain.map((l) => `${l.kind}/${l.name.replace(/-[a-z0-9]+$/, '-*')}`)).toEqual([
      'ReplicaSet/web-*',
      'Deployment/web',
    ]);
    expect(chain[1]?.object?.metadata.name).toBe('web');
    const events = await eventually('BackOff event', async () => {
      const listed = await cluster.events({
        namespace: ns,
        involvedObject: { kind: 'Pod', name: 'crasher' },
      });
      return listed.items.some((e) => e.reason === 'BackOff') ? listed.items : undefined;
    });
    expect(events.every((e) => e.involvedObject.name === 'crasher')).toBe(true);
  });

  it('refuses a denied namespace and leaves it out of cross-namespace lists', async () => {
    const denied = createKubeCluster(k.kc, { namespaces: { deny: [ns] } });
    const refusal = await denied.get('Pod', 'crasher', ns).catch((err: unknown) => err);
    expect(isAppError(refusal, 'forbidden')).toBe(true);
    await expect(denied.logs({ namespace: ns, pod: 'crasher' })).rejects.toThrow(/not allowed/);
    const everywhere = await denied.list('Pod', {});
    expect(everywhere.items.some((p) => p.metadata.namespace === ns)).toBe(false);
    expect((await cluster.list('Pod', {})).items.some((p) => p.metadata.namespace === ns)).toBe(
      true,
    );
  });

  it('turns an unreachable API server into upstream_unavailable', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'gone', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'nobody' }],
      currentContext: 'gone',
    });
    const err = await createKubeCluster(kc)
      .list('Node')
      .catch((e: unknown) => e);
    expect(isAppError(err, 'upstream_unavailable')).toBe(true);
  });
});
