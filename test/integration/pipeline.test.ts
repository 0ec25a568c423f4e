import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Running, serve } from '../../src/wiring/serve.ts';
import { eventually, testNamespace } from '../support/kube.ts';

/**
 * The spine, through `punchingfist serve` itself: a Source and Workflow
 * applied as CRs, an Alertmanager webhook about a crash-looping
 * Deployment, a WorkflowRun that records the investigation, and the
 * Source's counters in its status.
 */
const env = inject('testenv');
const group = 'punchingfist.io';
const version = 'v1alpha1';
const { k, ns } = testNamespace(env.KUBECONFIG, 'pipeline');
let running: Running;

const cr = (plural: string, body: object) =>
  k.custom.createNamespacedCustomObject({
    group,
    version,
    namespace: ns,
    plural,
    body: { apiVersion: `${group}/${version}`, ...body },
  });

beforeAll(async () => {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'am' }, stringData: { token: 'pipeline-token' } },
  });
  await cr('workflows', {
    kind: 'Workflow',
    metadata: { name: 'triage' },
    spec: { steps: [{ name: 'analyze', type: 'analyze' }] },
  });
  await cr('sources', {
    kind: 'Source',
    metadata: { name: 'alertmanager' },
    spec: {
      type: 'alertmanager',
      workflowRef: { name: 'triage' },
      auth: { type: 'bearer', secretKeyRef: { name: 'am', key: 'token' } },
    },
  });
  // The same crash loop seen through the Events watch (the controller Lease holder's duty).
  await cr('sources', {
    kind: 'Source',
    metadata: { name: 'pod-events' },
    spec: {
      type: 'kubernetes',
      workflowRef: { name: 'triage' },
      kubernetes: { kinds: ['Pod'], reasons: ['BackOff'], namespaces: [ns] },
      dedup: { window: '10m' },
    },
  });
  const labels = { app: 'checkout' };
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'checkout' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels: {
              ...labels,
              'sim.punchingfist.io/fault': 'crashloop',
              'sim.punchingfist.io/logs': 'crashloop-db',
            },
          },
          spec: { containers: [{ name: 'checkout', image: 'registry.example/checkout:2.0' }] },
        },
      },
    },
  });
  running = await serve(
    { KUBECONFIG: env.KUBECONFIG, REDIS_URL: env.REDIS_URL, PORT: '0', LOG_LEVEL: 'silent' },
    { role: 'all' },
  );
});
afterAll(async () => {
  await running.stop();
});

describe('alert → run → investigation, through serve', () => {
  it('records the investigation of the alert on a WorkflowRun and counts the event on the Source', async () => {
    const url = `http://127.0.0.1:${running.port}/webhooks/${ns}/alertmanager`;
    const pods = await eventually('crash-looping pods', async () => {
      const list = await k.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=checkout' });
      const looping = list.items.filter(
        (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      );
      return looping.length > 0 ? looping : undefined;
    });
    const pod = pods[0]?.metadata?.name ?? '';
    const body = {
      version: '4',
      groupKey: `{}:{alertname="KubePodCrashLooping", namespace="${ns}"}`,
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'punchingfist',
      groupLabels: { alertname: 'KubePodCrashLooping', namespace: ns },
      commonLabels: {
        alertname: 'KubePodCrashLooping',
        namespace: ns,
        pod,
        container: 'checkout',
        severity: 'warning',
      },
      commonAnnotations: { summary: 'Pod is crash looping.' },
      externalURL: 'http://alertmanager',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'KubePodCrashLooping',
            namespace: ns,
            pod,
            container: 'checkout',
            severity: 'warning',
          },
          annotations: { summary: 'Pod is crash looping.' },
          startsAt: new Date().toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus/graph?g0.expr=x',
          fingerprint: 'pipeline-1',
        },
      ],
    };
    // The controller must have seen the Source before the webhook path exists.
    const res = await eventually(
      'webhook accepted',
      async () => {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer pipeline-token' },
          body: JSON.stringify(body),
        });
        return r.status === 404 ? undefined : r;
      },
      30_000,
    );
    expect(res.status).toBe(202);
    const runId = ((await res.json()) as { runs: { runId: string }[] }).runs[0]?.runId ?? '';

    const run = await eventually(
      'the run succeeded',
      async () => {
        const got = (await k.custom
          .getNamespacedCustomObject({
            group,
            version,
            namespace: ns,
            plural: 'workflowruns',
            name: runId,
          })
          .catch(() => undefined)) as
          | {
              status?: {
                phase?: string;
                steps?: { name: string; phase: string }[];
                outputs?: Record<string, string>;
              };
            }
          | undefined;
        return got?.status?.phase === 'Succeeded' ? got : undefined;
      },
      60_000,
    );
    expect(run.status?.steps).toEqual([
      expect.objectContaining({ name: 'analyze', phase: 'Succeeded' }),
    ]);
    expect(run.status?.outputs?.analyze).toMatch(/CrashLoopBackOff/);

    await eventually(
      'Source counters written',
      async () => {
        const src = (await k.custom.getNamespacedCustomObject({
          group,
          version,
          namespace: ns,
          plural: 'sources',
          name: 'alertmanager',
        })) as {
          status?: { eventsReceived?: number; runsStarted?: number; lastEventTime?: string };
        };
        return (src.status?.eventsReceived ?? 0) >= 1 && src.status?.runsStarted === 1
          ? true
          : undefined;
      },
      30_000,
    );
  });

  it('runs the kubernetes Source under serve: one run for the crash loop, counted on the Source', async () => {
    const counted = await eventually(
      'kubernetes Source counters written',
      async () => {
        const src = (await k.custom.getNamespacedCustomObject({
          group,
          version,
          namespace: ns,
          plural: 'sources',
          name: 'pod-events',
        })) as { status?: { eventsReceived?: number; runsStarted?: number } };
        return (src.status?.runsStarted ?? 0) >= 1 ? src.status : undefined;
      },
      60_000,
    );
    // Repeated BackOff events of the Deployment's pods join the one run.
    expect(counted?.runsStarted).toBe(1);
    expect(counted?.eventsReceived).toBeGreaterThanOrEqual(1);
  });
});
