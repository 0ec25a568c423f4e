/**
 * `npm run demo`: the product's main job on embedded defaults, end to end.
 * Starts the test environment (Redis, a kwok cluster, kube-state-metrics →
 * Prometheus → Alertmanager), the local Slack workspace, and `punchingfist
 * serve --config examples/demo`; deploys checkout (3 replicas) and rolls out
 * a version that crash-loops. The real alert opens a thread in #oncall with
 * the investigation and a rollback proposal; a person clicks Approve in the
 * workspace page (or, with --auto-approve, the demo clicks it as the on-call
 * person) and the rollback is executed, verified and reported in the thread.
 * Exits 0 only if checkout is healthy again at the end. Prints how long each
 * phase took. `--keep` leaves everything running; Ctrl-C stops what it started.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { proposalActionIds } from '../../src/adapters/slack/views/proposal-blocks.ts';
import { defaultWorkspace, startWorkspace, WORKSPACE_PEOPLE } from '../../src/workspace/index.ts';
import { testenvPaths } from '../testenv/paths.ts';
import { current, down, up } from '../testenv/testenv.ts';
import {
  demoCluster,
  demoNamespace,
  deployHealthy,
  freshNamespace,
  isHealthy,
  rollOutBadVersion,
  waitHealthy,
} from './checkout-app.ts';
import { type ServeProcess, startServe } from './serve-process.ts';
import {
  channelId,
  current as currentText,
  hasApproveButton,
  waitForReply,
  waitForThread,
} from './thread-watch.ts';
import { until } from './until.ts';

const args = new Set(process.argv.slice(2));
const keep = args.has('--keep');
const autoApprove = args.has('--auto-approve');
const timings: [string, number][] = [];
const cleanups: (() => Promise<void>)[] = [];

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = await run();
  const ms = performance.now() - started;
  timings.push([name, ms]);
  process.stdout.write(`  done in ${(ms / 1000).toFixed(1)} s\n`);
  return result;
}

const say = (line: string) => console.log(`  ${line}`);

async function stopAll(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups.length = 0;
}

async function main(): Promise<number> {
  const wasRunning = current() !== undefined;
  const env = await phase('start the test environment (Redis, kwok cluster, alerting chain)', () =>
    up({ alerting: true, log: say }),
  );
  if (!keep && !wasRunning) cleanups.push(() => down(say));
  const cluster = demoCluster(env.KUBECONFIG);
  const webhookToken = randomBytes(24).toString('hex');

  const { workspace, serve } = await phase(
    'start the local Slack workspace and punchingfist serve',
    async () => {
      const ws = await startWorkspace({ ...defaultWorkspace() });
      if (!keep) cleanups.push(() => ws.close());
      await freshNamespace(cluster, webhookToken);
      const logFile = path.join(testenvPaths().logs, 'demo-serve.log');
      const sv: ServeProcess = await startServe(
        {
          KUBECONFIG: env.KUBECONFIG,
          REDIS_URL: env.REDIS_URL,
          REDIS_PREFIX: `pf-demo-${Date.now().toString(36)}:`,
          PROMETHEUS_URL: env.PROMETHEUS_URL ?? '',
          ALERTMANAGER_URL: env.ALERTMANAGER_URL ?? '',
          SLACK_BOT_TOKEN: ws.botToken,
          SLACK_SIGNING_SECRET: ws.signingSecret,
          SLACK_API_URL: ws.apiUrl,
          LOG_LEVEL: 'info',
        },
        logFile,
      );
      if (!keep) cleanups.push(() => sv.stop());
      ws.setBotUrl(`${sv.url}/slack/events`);
      await up({
        alerting: true,
        receiver: {
          url: `${sv.url}/webhooks/${demoNamespace}/alertmanager`,
          bearerToken: webhookToken,
        },
        log: () => undefined,
      });
      say(`punchingfist serve on ${sv.url} (logs: ${path.relative(process.cwd(), logFile)})`);
      say(`the local Slack workspace: ${ws.url}`);
      return { workspace: ws, serve: sv };
    },
  );

  await phase('deploy checkout 1.4.2 (3 replicas)', async () => {
    await deployHealthy(cluster);
    say('checkout 1.4.2: 3/3 Ready');
  });
  await phase('roll out checkout 1.5.0, which crash-loops', async () => {
    const n = await rollOutBadVersion(cluster);
    say(`checkout 1.5.0 rolled out: ${n} new pod(s) in CrashLoopBackOff`);
  });

  const oncall = channelId(workspace, 'oncall');
  const thread = await phase(
    'the real alert opens a thread in #oncall (ksm → Prometheus → Alertmanager → serve)',
    async () => {
      const t = await waitForThread(workspace, oncall, 240_000);
      say(`thread opened in #oncall: ${workspace.url}`);
      return t;
    },
  );

  const proposal = await phase(
    'the investigation names the bad rollout and proposes a rollback',
    async () => {
      await waitForReply(
        workspace,
        thread,
        'the investigation report in the thread',
        (t) => t.includes('Deployment/demo/checkout') && /rollout|revision/i.test(t),
        120_000,
      );
      say('report: the rollout of Deployment/demo/checkout is failing');
      const m = await waitForReply(
        workspace,
        thread,
        'the rollback proposal with an Approve button',
        (t) => t.includes('rollback') && t.includes(proposalActionIds.approve),
        120_000,
      );
      say('proposal: rollback Deployment/demo/checkout, awaiting approval');
      return m;
    },
  );

  await phase(
    autoApprove
      ? 'approve (--auto-approve: clicked as Dana, on call)'
      : 'waiting for you to click Approve',
    async () => {
      if (autoApprove) {
        const res = await workspace.deliver.blockAction({
          url: `${serve.url}/slack/events`,
          user: WORKSPACE_PEOPLE.oncall,
          channel: proposal.channel,
          messageTs: proposal.ts,
          actionId: proposalActionIds.approve,
        });
        if (res.status !== 200) throw new Error(`the bot answered the click with ${res.status}`);
      } else {
        say(`open ${workspace.url} → #oncall → the thread, and click Approve (as Dana)`);
      }
      await until(
        'an approval',
        () =>
          hasApproveButton(workspace.state.message(proposal.channel, proposal.ts) ?? proposal)
            ? undefined
            : true,
        autoApprove ? 30_000 : 30 * 60_000,
      );
      say('approved');
    },
  );

  await phase('the rollback runs and is verified: checkout 3/3 Ready on 1.4.2', async () => {
    await waitHealthy(cluster, 180_000);
    say('checkout 1.4.2: 3/3 Ready');
    await until(
      'the thread to show the outcome',
      () => (/Succeeded/.test(currentText(workspace, proposal)) ? true : undefined),
      60_000,
    );
    say('the proposal message in the thread says: Succeeded');
  });

  const healthy = await isHealthy(cluster);
  console.log('\nphase timings:');
  for (const [name, ms] of timings)
    console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(
    healthy ? '\ncheckout is healthy: demo passed' : '\ncheckout is NOT healthy: demo failed',
  );
  if (keep) {
    console.log(
      `\nstill running: the workspace ${workspace.url}, serve ${serve.url}; npm run testenv:down stops the environment`,
    );
  }
  return healthy ? 0 : 1;
}

process.once('SIGINT', () => {
  console.log('\ninterrupted: stopping what the demo started');
  void stopAll().then(() => process.exit(130));
});

main().then(
  async (code) => {
    if (!keep) await stopAll();
    process.exitCode = code;
    if (keep) return;
    process.exit(code);
  },
  async (err: unknown) => {
    console.error('\ndemo failed:', err instanceof Error ? err.message : err);
    await stopAll();
    process.exit(1);
  },
);
