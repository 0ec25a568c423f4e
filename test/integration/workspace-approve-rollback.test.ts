// The product end to end, in a real browser: an Alertmanager webhook about a Deployment
// whose new version crash-loops → `punchingfist serve` (HTTP-mode bot on the local
// workspace) runs the Workflow → the alert thread shows the investigation and the
// rollback proposal → the on-call person clicks Approve in the page → the rollback runs
// and the thread shows the outcome. Screenshots: test-results/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Running, serve } from '../../src/wiring/serve.ts';
import {
  defaultWorkspace,
  type RunningWorkspace,
  startWorkspace,
  WORKSPACE_PEOPLE,
} from '../../src/workspace/index.ts';
import { artifact, launchChromium } from '../support/browser.ts';
import { eventually, testNamespace } from '../support/kube.ts';

const env = inject('testenv');
const group = 'punchingfist.io';
const version = 'v1alpha1';
const INCIDENTS = 'C0INCIDENT';
const { k, ns } = testNamespace(env.KUBECONFIG, 'wsapprove');
let workspace: RunningWorkspace;
let running: Running;
let browser: Browser;

const cr = (plural: string, body: object) =>
  k.custom.createNamespacedCustomObject({
    group,
    version,
    namespace: ns,
    plural,
    body: { apiVersion: `${group}/${version}`, ...body },
  });

async function applyConfig(): Promise<void> {
  await k.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'am' }, stringData: { token: 'ws-token' } },
  });
  await cr('sinks', {
    kind: 'Sink',
    metadata: { name: 'incidents' },
    spec: { type: 'slack', target: { channel: '#incidents' } },
  });
  await cr('workflows', {
    kind: 'Workflow',
    metadata: { name: 'triage' },
    spec: {
      steps: [
        { name: 'analyze', type: 'analyze' },
        {
          name: 'propose-rollback',
          type: 'remediate',
          action: 'rollback',
          approval: {
            required: 1,
            approvers: { userGroups: [WORKSPACE_PEOPLE.oncallGroup] },
            expiresAfter: '30m',
          },
        },
      ],
      sinks: [{ sinkRef: { name: 'incidents' } }],
    },
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
}

const labels = { app: 'checkout' };

function template(image: string, fault?: string) {
  return {
    metadata: { labels: { ...labels, ...(fault && { 'sim.punchingfist.io/fault': fault }) } },
    spec: { containers: [{ name: 'checkout', image }] },
  };
}

/** checkout:1.0 healthy, then a rollout to 2.0 that crash-loops (so rollback has a target). */
async function badRollout(): Promise<void> {
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'checkout' },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: template('shop/checkout:1.0'),
      },
    },
  });
  await eventually('3/3 ready on 1.0', async () => {
    const d = await k.apps.readNamespacedDeployment({ name: 'checkout', namespace: ns });
    return d.status?.readyReplicas === 3 ? d : undefined;
  });
  await k.apps.patchNamespacedDeployment({
    name: 'checkout',
    namespace: ns,
    body: [
      { op: 'replace', path: '/spec/template', value: template('shop/checkout:2.0', 'crashloop') },
    ],
  });
}

async function crashLoopingPod(): Promise<string> {
  const pods = await eventually('a crash-looping 2.0 pod', async () => {
    const list = await k.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=checkout' });
    const looping = list.items.filter(
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
    );
    return looping.length > 0 ? looping : undefined;
  });
  return pods[0]?.metadata?.name ?? '';
}

function alert(pod: string) {
  const alertLabels = {
    alertname: 'KubePodCrashLooping',
    namespace: ns,
    pod,
    container: 'checkout',
    severity: 'critical',
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="KubePodCrashLooping", namespace="${ns}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'punchingfist',
    groupLabels: { alertname: 'KubePodCrashLooping', namespace: ns },
    commonLabels: alertLabels,
    commonAnnotations: { summary: 'Pod is crash looping.' },
    externalURL: 'http://alertmanager',
    alerts: [
      {
        status: 'firing',
        labels: alertLabels,
        annotations: { summary: 'Pod is crash looping.' },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        // The alert's own expression: serve graphs it into the thread (PROMETHEUS_URL).
        generatorURL: `http://prometheus/graph?g0.expr=${encodeURIComponent(
          `sum(kube_pod_container_status_restarts_total{namespace="${ns}"})`,
        )}`,
        fingerprint: 'ws-approve-1',
      },
    ],
  };
}

async function sendAlert(pod: string): Promise<void> {
  const url = `http://127.0.0.1:${running.port}/webhooks/${ns}/alertmanager`;
  const res = await eventually(
    'webhook accepted',
    async () => {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ws-token' },
        body: JSON.stringify(alert(pod)),
      });
      return r.status === 404 ? undefined : r;
    },
    30_000,
  );
  expect(res.status).toBe(202);
}

async function openAlertThread(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${workspace.url}?channel=${INCIDENTS}&user=${WORKSPACE_PEOPLE.oncall}`);
  try {
    await page.locator('#messages .thread-link').first().click({ timeout: 90_000 });
    await page
      .locator('#thread')
      .getByRole('button', { name: 'Approve' })
      .waitFor({ timeout: 90_000 });
  } catch (error) {
    await page.screenshot({ path: artifact('product-no-proposal.png') });
    throw error;
  }
  return page;
}

beforeAll(async () => {
  workspace = await startWorkspace(defaultWorkspace());
  await applyConfig();
  running = await serve(
    {
      KUBECONFIG: env.KUBECONFIG,
      REDIS_URL: env.REDIS_URL,
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: `pf-${ns}:`,
      ...(env.PROMETHEUS_URL === undefined ? {} : { PROMETHEUS_URL: env.PROMETHEUS_URL }),
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_SIGNING_SECRET: workspace.signingSecret,
      SLACK_API_URL: workspace.apiUrl,
    },
    { role: 'all' },
  );
  workspace.setBotUrl(`http://127.0.0.1:${running.port}/slack/events`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await workspace?.close();
});

describe('alert thread → Approve in the page → rollback', () => {
  it('shows the investigation and the proposal; Approve rolls back and the thread says so', async () => {
    await badRollout();
    await sendAlert(await crashLoopingPod());

    const page = await openAlertThread();
    await page.screenshot({ path: artifact('product-proposal.png') });
    // The top of the thread: the alert and, when Prometheus had the series, its graph.
    await page.locator('#thread').evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.screenshot({ path: artifact('product-thread-top.png') });
    const thread = page.locator('#thread');
    expect(await thread.getByText('checkout').count()).toBeGreaterThan(0);

    await thread.getByRole('button', { name: 'Approve' }).click();
    await eventually(
      'the Deployment rolled back to 1.0',
      async () => {
        const d = await k.apps.readNamespacedDeployment({ name: 'checkout', namespace: ns });
        const image = d.spec?.template.spec?.containers[0]?.image;
        return image === 'shop/checkout:1.0' && d.status?.readyReplicas === 3 ? d : undefined;
      },
      120_000,
    );
    await thread
      .getByText(/approved by/i)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await thread.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.screenshot({ path: artifact('product-approved.png') });
    await page.close();
  });
});
