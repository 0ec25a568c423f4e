import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setReceiver } from '../../scripts/testenv/alerting.ts';
import { testenvPaths } from '../../scripts/testenv/paths.ts';
import { eventually, podSpec, testNamespace } from '../support/kube.ts';

/**
 * The real alerting chain of the test environment: a crash-looping pod is
 * seen by kube-state-metrics, Prometheus's rule fires, and Alertmanager
 * delivers the webhook (with its bearer token) to a server of the test's.
 */
const env = inject('testenv');
const { k, ns } = testNamespace(env.KUBECONFIG, 'alerting');
let server: http.Server;
const received: { auth: string | undefined; body: AlertmanagerBody }[] = [];

interface AlertmanagerBody {
  status: string;
  groupKey: string;
  alerts: { status: string; labels: Record<string, string>; generatorURL: string }[];
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      received.push({
        auth: req.headers.authorization,
        body: JSON.parse(body) as AlertmanagerBody,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const amPort = Number(new URL(env.ALERTMANAGER_URL ?? '').port);
  await setReceiver(testenvPaths(), amPort, {
    url: `http://127.0.0.1:${port}/webhooks/${ns}/alertmanager`,
    bearerToken: 'chain-test-token',
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('alerting chain', () => {
  it('has Prometheus and Alertmanager in the environment', () => {
    expect(env.PROMETHEUS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.ALERTMANAGER_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('fires KubePodCrashLooping for a crash-looping pod and delivers it to the webhook', async () => {
    await k.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'looper', labels: { 'sim.punchingfist.io/fault': 'crashloop' } },
        spec: podSpec('registry.example/looper:1.0'),
      },
    });
    const delivery = await eventually(
      'a KubePodCrashLooping webhook',
      async () =>
        received.find((r) =>
          r.body.alerts.some(
            (a) => a.labels.alertname === 'KubePodCrashLooping' && a.labels.namespace === ns,
          ),
        ),
      120_000,
      500,
    );
    expect(delivery.auth).toBe('Bearer chain-test-token');
    expect(delivery.body.status).toBe('firing');
    const alert = delivery.body.alerts.find((a) => a.labels.pod === 'looper');
    expect(alert?.labels).toMatchObject({ severity: 'warning', container: 'app' });
    expect(alert?.generatorURL).toContain('/graph?g0.expr=');
  });
});
