import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  type AlertingState,
  defaultReceiver,
  type Receiver,
  setReceiver,
  startAlerting,
  stopAlerting,
} from './alerting.ts';
import {
  apiserverReady,
  createCluster,
  deleteCluster,
  ensureNodes,
  installCrds,
} from './cluster.ts';
import { type TestenvPaths, testenvPaths } from './paths.ts';
import { isAlive, spawnDaemon, stopProcess } from './process.ts';
import { type RedisState, redisHealthy, startRedis, stopRedis } from './redis.ts';

/**
 * The test environment: real Redis, a real Kubernetes control plane with
 * kwok's simulated nodes, optionally the real alerting chain. `up` is
 * idempotent (a healthy piece is reused); `down` stops all it started.
 */
export interface TestenvState {
  redis?: RedisState;
  cluster?: { readonly name: string };
  simController?: { readonly pid: number };
  alerting?: AlertingState;
}

export interface UpOptions {
  readonly nodes?: number;
  readonly alerting?: boolean;
  readonly receiver?: Receiver;
  readonly log?: (line: string) => void;
}

export interface TestenvEnv {
  readonly KUBECONFIG: string;
  readonly REDIS_URL: string;
  readonly PROMETHEUS_URL?: string;
  readonly ALERTMANAGER_URL?: string;
}

function readState(paths: TestenvPaths): TestenvState {
  if (!existsSync(paths.stateFile)) return {};
  return JSON.parse(readFileSync(paths.stateFile, 'utf8')) as TestenvState;
}

function writeState(paths: TestenvPaths, state: TestenvState): void {
  writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

function envOf(paths: TestenvPaths, state: TestenvState): TestenvEnv {
  if (state.redis === undefined) throw new Error('testenv: redis is not running');
  const alerting = state.alerting;
  return {
    KUBECONFIG: paths.kubeconfig,
    REDIS_URL: state.redis.url,
    ...(alerting === undefined
      ? {}
      : {
          PROMETHEUS_URL: `http://127.0.0.1:${alerting.prometheus.port}`,
          ALERTMANAGER_URL: `http://127.0.0.1:${alerting.alertmanager.port}`,
        }),
  };
}

function writeEnvFile(paths: TestenvPaths, env: TestenvEnv): void {
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  writeFileSync(paths.envFile, `${lines.join('\n')}\n`);
}

function ensureBinaries(paths: TestenvPaths, log: (line: string) => void): void {
  log('checking the Go-built binaries (built once, cached by version)');
  execFileSync('bash', [path.join(paths.root, 'scripts/testenv/build-binaries.sh')], {
    stdio: 'inherit',
  });
}

function seedSimLogs(paths: TestenvPaths): void {
  mkdirSync(paths.simLogs, { recursive: true });
  const fixtures = path.join(paths.root, 'test/fixtures/sim-logs');
  if (!existsSync(fixtures)) return;
  for (const file of readdirSync(fixtures))
    copyFileSync(path.join(fixtures, file), path.join(paths.simLogs, file));
}

function startSimController(paths: TestenvPaths): { pid: number } {
  const tsx = path.join(paths.root, 'node_modules/.bin/tsx');
  const pid = spawnDaemon(
    tsx,
    [path.join(paths.root, 'scripts/testenv/sim-controller.ts'), paths.kubeconfig, paths.simLogs],
    path.join(paths.logs, 'sim-controller.log'),
  );
  return { pid };
}

type Log = (line: string) => void;

async function ensureRedis(paths: TestenvPaths, state: TestenvState, log: Log): Promise<void> {
  if (redisHealthy(state.redis)) {
    log(`redis already up at ${state.redis?.url}`);
    return;
  }
  state.redis = await startRedis(paths);
  log(`redis up at ${state.redis.url} (AOF on)`);
}

async function ensureCluster(
  paths: TestenvPaths,
  state: TestenvState,
  nodes: number,
  log: Log,
): Promise<void> {
  if (await apiserverReady(paths)) log('kubernetes control plane already up');
  else {
    log(
      'starting the kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)',
    );
    await createCluster(paths);
    state.cluster = { name: 'punchingfist' };
    writeState(paths, state);
  }
  await ensureNodes(paths, nodes);
  log(`${nodes} simulated nodes Ready`);
  const crds = await installCrds(paths);
  if (crds > 0) log(`${crds} CRD files installed`);
  seedSimLogs(paths);
  if (state.simController !== undefined && isAlive(state.simController.pid)) return;
  state.simController = startSimController(paths);
}

function alertingAlive(alerting: AlertingState | undefined): alerting is AlertingState {
  return (
    alerting !== undefined &&
    [alerting.prometheus.pid, alerting.alertmanager.pid, alerting.ksm.pid].every(isAlive)
  );
}

async function ensureAlerting(
  paths: TestenvPaths,
  state: TestenvState,
  receiver: Receiver | undefined,
  log: Log,
): Promise<void> {
  if (alertingAlive(state.alerting)) {
    if (receiver !== undefined) {
      await setReceiver(paths, state.alerting.alertmanager.port, receiver);
      state.alerting = { ...state.alerting, receiver };
    }
    log('alerting chain already up');
    return;
  }
  if (state.alerting !== undefined) await stopAlerting(state.alerting);
  const started = await startAlerting(paths, receiver ?? defaultReceiver);
  state.alerting = started;
  log(
    `alerting chain up: prometheus :${started.prometheus.port}, alertmanager :${started.alertmanager.port} → ${started.receiver.url}`,
  );
}

export async function up(options: UpOptions = {}): Promise<TestenvEnv> {
  const log = options.log ?? ((line: string) => console.log(`testenv: ${line}`));
  const paths = testenvPaths();
  mkdirSync(paths.logs, { recursive: true });
  ensureBinaries(paths, log);
  const state = readState(paths);
  await ensureRedis(paths, state, log);
  writeState(paths, state);
  await ensureCluster(paths, state, options.nodes ?? 3, log);
  writeState(paths, state);
  if (options.alerting === true) {
    await ensureAlerting(paths, state, options.receiver, log);
    writeState(paths, state);
  }
  const env = envOf(paths, state);
  writeEnvFile(paths, env);
  log(`wrote ${path.relative(paths.root, paths.envFile)}`);
  return env;
}

export async function down(
  log: (line: string) => void = (l) => console.log(`testenv: ${l}`),
): Promise<void> {
  const paths = testenvPaths();
  const state = readState(paths);
  if (state.alerting !== undefined) await stopAlerting(state.alerting);
  if (state.simController !== undefined) await stopProcess(state.simController.pid);
  deleteCluster(paths);
  if (state.redis !== undefined) await stopRedis(state.redis);
  rmSync(paths.stateFile, { force: true });
  rmSync(paths.envFile, { force: true });
  rmSync(paths.kubeconfig, { force: true });
  log('stopped everything it started');
}

/** Whether someone started a test environment here (it may need repair). */
export function started(): boolean {
  return existsSync(testenvPaths().stateFile);
}

/** The environment of a running testenv, or undefined when it is not up. */
export function current():
  | { env: TestenvEnv; state: TestenvState; paths: TestenvPaths }
  | undefined {
  const paths = testenvPaths();
  if (!existsSync(paths.envFile)) return undefined;
  const state = readState(paths);
  if (!redisHealthy(state.redis)) return undefined;
  return { env: envOf(paths, state), state, paths };
}

export { setReceiver };
