import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { TestenvPaths } from './paths.ts';
import { freePort, httpOk, spawnDaemon, stopProcess, waitFor } from './process.ts';

/**
 * The real alerting chain: kube-state-metrics (Go-built) watching the test
 * API server → Debian's Prometheus scraping it and evaluating rules.yaml →
 * Debian's Alertmanager routing to a webhook the caller chooses.
 */
export interface AlertingState {
  readonly ksm: { readonly pid: number; readonly port: number };
  readonly prometheus: { readonly pid: number; readonly port: number };
  readonly alertmanager: { readonly pid: number; readonly port: number };
  readonly receiver: Receiver;
}

export interface Receiver {
  /** Where Alertmanager POSTs its webhook. */
  readonly url: string;
  readonly bearerToken?: string;
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
}

export const defaultReceiver: Receiver = {
  url: 'http://127.0.0.1:8080/webhooks/default/alertmanager',
};

export function alertmanagerConfig(receiver: Receiver): string {
  const httpConfig =
    receiver.bearerToken === undefined
      ? {}
      : { http_config: { authorization: { type: 'Bearer', credentials: receiver.bearerToken } } };
  return YAML.stringify({
    route: {
      receiver: 'punchingfist',
      group_by: ['alertname', 'namespace'],
      group_wait: receiver.groupWait ?? '1s',
      group_interval: receiver.groupInterval ?? '5s',
      repeat_interval: receiver.repeatInterval ?? '1m',
    },
    receivers: [
      {
        name: 'punchingfist',
        webhook_configs: [{ url: receiver.url, send_resolved: true, max_alerts: 0, ...httpConfig }],
      },
    ],
  });
}

function prometheusConfig(ksmPort: number, amPort: number, rulesFile: string): string {
  return YAML.stringify({
    global: { scrape_interval: '2s', evaluation_interval: '2s' },
    rule_files: [rulesFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
    scrape_configs: [
      { job_name: 'kube-state-metrics', static_configs: [{ targets: [`127.0.0.1:${ksmPort}`] }] },
    ],
  });
}

export async function startAlerting(
  paths: TestenvPaths,
  receiver: Receiver,
): Promise<AlertingState> {
  const dir = path.join(paths.dir, 'alerting');
  mkdirSync(path.join(dir, 'prometheus-data'), { recursive: true });
  mkdirSync(path.join(dir, 'alertmanager-data'), { recursive: true });
  const [ksmPort, ksmTelemetry, promPort, amPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const ksm = spawnDaemon(
    paths.bin.kubeStateMetrics,
    [
      `--kubeconfig=${paths.kubeconfig}`,
      '--host=127.0.0.1',
      `--port=${ksmPort}`,
      '--telemetry-host=127.0.0.1',
      `--telemetry-port=${ksmTelemetry}`,
    ],
    path.join(paths.logs, 'kube-state-metrics.log'),
  );
  const alertmanager = spawnAlertmanager(
    dir,
    amPort,
    receiver,
    path.join(paths.logs, 'alertmanager.log'),
  );
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    prometheusConfig(ksmPort, amPort, path.join(paths.root, 'scripts/testenv/alerting/rules.yaml')),
  );
  const prometheus = spawnDaemon(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--web.enable-lifecycle',
    ],
    path.join(paths.logs, 'prometheus.log'),
  );
  await waitFor(
    'kube-state-metrics',
    async () => ((await httpOk(`http://127.0.0.1:${ksmPort}/healthz`)) ? true : undefined),
    30_000,
  );
  await waitFor(
    'alertmanager',
    async () => ((await httpOk(`http://127.0.0.1:${amPort}/-/ready`)) ? true : undefined),
    30_000,
  );
  await waitFor(
    'prometheus',
    async () => ((await httpOk(`http://127.0.0.1:${promPort}/-/ready`)) ? true : undefined),
    60_000,
  );
  return {
    ksm: { pid: ksm, port: ksmPort },
    prometheus: { pid: prometheus, port: promPort },
    alertmanager: { pid: alertmanager, port: amPort },
    receiver,
  };
}

function spawnAlertmanager(dir: string, port: number, receiver: Receiver, logFile: string): number {
  mkdirSync(path.join(dir, 'alertmanager-data'), { recursive: true });
  writeFileSync(path.join(dir, 'alertmanager.yml'), alertmanagerConfig(receiver));
  return spawnDaemon(
    'prometheus-alertmanager',
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    logFile,
  );
}

/**
 * An Alertmanager of a test's own (fresh state, its own receiver), for
 * tests about delivery itself: the shared one routes every alert of the
 * test cluster and is reconfigured by other tests.
 */
export async function startOwnAlertmanager(
  paths: TestenvPaths,
  name: string,
  receiver: Receiver,
): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const dir = path.join(paths.dir, 'alerting', `own-${name}`);
  const port = await freePort();
  const pid = spawnAlertmanager(
    dir,
    port,
    receiver,
    path.join(paths.logs, `alertmanager-${name}.log`),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'alertmanager',
    async () => ((await httpOk(`${url}/-/ready`)) ? true : undefined),
    30_000,
  );
  return { url, stop: () => stopProcess(pid) };
}

/** Points Alertmanager at another webhook (a test's own server) and reloads it. */
export async function setReceiver(
  paths: TestenvPaths,
  amPort: number,
  receiver: Receiver,
): Promise<void> {
  writeFileSync(path.join(paths.dir, 'alerting', 'alertmanager.yml'), alertmanagerConfig(receiver));
  const res = await fetch(`http://127.0.0.1:${amPort}/-/reload`, { method: 'POST' });
  if (!res.ok) throw new Error(`alertmanager reload failed: ${res.status} ${await res.text()}`);
}

export async function stopAlerting(state: AlertingState): Promise<void> {
  await Promise.all([
    stopProcess(state.prometheus.pid),
    stopProcess(state.alertmanager.pid),
    stopProcess(state.ksm.pid),
  ]);
}
