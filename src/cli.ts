/**
 * The `punchingfist` command (SPEC §8). Parses argv, then hands over to the
 * composition root. Reads the environment only to pass it on.
 */
import { parseArgs } from 'node:util';
import { isAppError } from './core/errors.ts';
import type { Role } from './wiring/serve.ts';

// Each command loads only its own modules (a dynamic import per command):
// `investigate` at 3 a.m. should not wait for the Slack bot, BullMQ and the
// LLM SDKs to load.

const roles: readonly Role[] = ['all', 'ingest', 'worker', 'controller'];

const usage = `punchingfist — alerts and Slack mentions become Kubernetes investigations

Usage:
  punchingfist serve [--role all|ingest|worker|controller] [--config DIR]
  punchingfist investigate <kind/name | name> [-n NS] [--json] [--llm none|anthropic|openai] [--kubeconfig PATH] [--context NAME]
  punchingfist ask "<question>" [-n NS] [--llm none|anthropic|openai] [--json]
  punchingfist runs [-n NS] [--workflow W] [--status PHASE] [--limit N] [--config DIR] [--json]
  punchingfist crds            print the CRD YAML generated from the schemas
  punchingfist rbac [--actions a,b,...|all] [--name N]
                               print the ClusterRole the enabled remediation actions need
  punchingfist workspace [--port P] [--bot-url URL] [--signing-secret S] [--channel #name]
                               a local Slack workspace (Web API + a page) on loopback
  punchingfist help

Environment: REDIS_URL, KUBECONFIG, PORT, SLACK_*, ANTHROPIC_*, OPENAI_*, LLM_MODEL,
PROMETHEUS_URL, ALERTMANAGER_URL, LOG_LEVEL (see README).`;

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string', default: 'all' }, config: { type: 'string' } },
  });
  if (!isRole(values.role)) {
    console.error(`--role must be one of ${roles.join(', ')} (got "${values.role}")`);
    return 2;
  }
  const { serve } = await import('./wiring/serve.ts');
  const running = await serve(process.env, {
    role: values.role,
    ...(values.config === undefined ? {} : { configDir: values.config }),
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe(rest);
    case 'investigate': {
      const { investigateCommand } = await import('./cli/investigate-command.ts');
      return investigateCommand(rest, {
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'ask': {
      const { askCommand } = await import('./cli/ask-command.ts');
      return askCommand(rest, { env: process.env, stdout: process.stdout, stderr: process.stderr });
    }
    case 'runs': {
      const { runsCommand } = await import('./cli/runs-command.ts');
      const { openRunStore } = await import('./wiring/serve.ts');
      return runsCommand(rest, {
        open: (local) => openRunStore(process.env, local),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'workspace': {
      const { workspaceCommand } = await import('./cli/workspace-command.ts');
      return workspaceCommand(rest, {
        stdout: process.stdout,
        stderr: process.stderr,
        untilStopped: () =>
          new Promise<void>((resolve) => {
            process.once('SIGINT', () => resolve());
            process.once('SIGTERM', () => resolve());
          }),
      });
    }
    case 'crds': {
      const { renderCrds } = await import('./controllers/crd-generator.ts');
      process.stdout.write(renderCrds());
      return 0;
    }
    case 'rbac': {
      const { rbacCommand } = await import('./cli/rbac-command.ts');
      return rbacCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    default:
      console.error(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isAppError(err, 'config_invalid')) console.error(err.message);
    else console.error(err);
    process.exitCode = 1;
  },
);
