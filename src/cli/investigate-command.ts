import type * as k8s from '@kubernetes/client-node';
import { createKubeCluster } from '../adapters/kube/index.ts';
import { isAppError } from '../core/errors.ts';
import { investigate } from '../core/investigation/investigate.ts';
import { parseTarget } from '../core/investigation/target.ts';
import { systemClock } from '../core/ports.ts';
import { loadConfig, loadKubeConfig } from '../wiring/load-config.ts';
import {
  type InvestigateArgs,
  investigateUsage,
  parseInvestigateArgs,
} from './investigate-args.ts';
import { createProgressDisplay, type ErrorStream } from './progress-display.ts';
import { renderReport } from './render-report.ts';

/**
 * `punchingfist investigate`: the deterministic investigation against the
 * current kubeconfig. The report goes to stdout (JSON with --json), the
 * progress and any problem to stderr. Exit 0 once investigated (whether
 * or not something is wrong), 1 on error, 2 on a usage mistake.
 */
export interface CommandIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ErrorStream;
}

export class UsageError extends Error {}

export function kubeConfigFor(
  args: Pick<InvestigateArgs, 'kubeconfig' | 'context'>,
  env: CommandIo['env'],
): k8s.KubeConfig {
  const config = loadConfig(env);
  const kc = loadKubeConfig(
    args.kubeconfig === undefined ? config : { ...config, KUBECONFIG: args.kubeconfig },
  );
  if (args.context !== undefined) {
    if (kc.getContextObject(args.context) === null) {
      throw new UsageError(
        `context "${args.context}" is not in the kubeconfig (have: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(args.context);
  }
  return kc;
}

async function run(args: InvestigateArgs, io: CommandIo): Promise<number> {
  const kc = kubeConfigFor(args, io.env);
  const namespace =
    args.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const target = parseTarget(args.target, namespace);
  if (!target.ok) throw new UsageError(target.message);
  // Fail on a missing key before any work (names ANTHROPIC_API_KEY / OPENAI_BASE_URL).
  if (args.llm !== 'none') {
    // The LLM SDKs load only when an LLM is asked for.
    const { openLlm } = await import('../wiring/llm.ts');
    openLlm(loadConfig(io.env), args.llm);
  }
  const display = createProgressDisplay(io.stderr);
  const cluster = createKubeCluster(kc);
  const result = await investigate(
    { cluster, clock: systemClock, onProgress: display.onProgress },
    target.target,
  );
  if (!result.ok) {
    io.stderr.write(`investigate: ${result.message}\n`);
    return 1;
  }
  if (args.llm !== 'none') {
    const question = `Investigate ${result.report.target}: what is wrong, why, and what would fix it?`;
    const { answerWithAgent } = await import('./agent-answer.ts');
    return answerWithAgent(io, cluster, {
      provider: args.llm,
      question,
      target: result.report.target,
      seed: result.report,
      json: args.json,
    });
  }
  io.stdout.write(
    args.json ? `${JSON.stringify(result.report, null, 2)}\n` : renderReport(result.report),
  );
  return 0;
}

export async function investigateCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseInvestigateArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.stdout.write(`${investigateUsage}\n`);
      return 0;
    }
    io.stderr.write(`investigate: ${parsed.message}\n\n${investigateUsage}\n`);
    return 2;
  }
  try {
    return await run(parsed.args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`investigate: ${err.message}\n`);
      return 2;
    }
    const message = isAppError(err) || err instanceof Error ? err.message : String(err);
    io.stderr.write(`investigate: ${message}\n`);
    return 1;
  }
}
