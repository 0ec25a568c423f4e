import { parseArgs } from 'node:util';
import { createKubeCluster } from '../adapters/kube/index.ts';
import { isAppError } from '../core/errors.ts';
import { investigate } from '../core/investigation/investigate.ts';
import type { Report } from '../core/investigation/report.ts';
import { parseTarget } from '../core/investigation/target.ts';
import type { ClusterPort } from '../core/ports.ts';
import { systemClock } from '../core/ports.ts';
import { defaultLlmProvider, openLlm } from '../wiring/llm.ts';
import { loadConfig } from '../wiring/load-config.ts';
import { answerWithAgent } from './agent-answer.ts';
import { type LlmChoice, llmChoices } from './investigate-args.ts';
import { type CommandIo, kubeConfigFor, UsageError } from './investigate-command.ts';
import { renderReport } from './render-report.ts';

/**
 * `punchingfist ask "<question>"`: the LLM agent answers a free question
 * about the cluster with its read-only tools. An object named in the
 * question (`deploy/web`) is first investigated by the analyzers, whose
 * findings seed the agent; with `--llm none` that investigation is the
 * answer.
 */
export const askUsage = `Usage: punchingfist ask "<question>" [-n NS] [--llm none|anthropic|openai] [--json]
                         [--kubeconfig PATH] [--context NAME]

  --llm   default: anthropic when ANTHROPIC_API_KEY is set, else openai when OPENAI_BASE_URL is, else none
          (none answers only questions naming an object, like "why is deploy/web down?")`;

interface AskArgs {
  readonly question: string;
  readonly namespace?: string | undefined;
  readonly llm?: LlmChoice | undefined;
  readonly json: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
}

function parseAsk(argv: readonly string[]): AskArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n' },
      llm: { type: 'string' },
      json: { type: 'boolean' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
    },
  });
  const question = positionals.join(' ').trim();
  if (question === '') throw new UsageError('ask needs a question');
  const llm = values.llm;
  if (llm !== undefined && !(llmChoices as readonly string[]).includes(llm)) {
    throw new UsageError(`--llm must be one of ${llmChoices.join(', ')} (got "${llm}")`);
  }
  return {
    question,
    namespace: values.namespace,
    llm: llm as LlmChoice | undefined,
    json: values.json === true,
    ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
    ...(values.context === undefined ? {} : { context: values.context }),
  };
}

/** The first `kind/name` in the question that names an investigable object. */
function namedTarget(question: string, namespace: string) {
  for (const match of question.matchAll(/\b([A-Za-z]+\/[a-z0-9][-a-z0-9.]*[a-z0-9])\b/g)) {
    const parsed = parseTarget(match[1] ?? '', namespace);
    if (parsed.ok) return parsed.target;
  }
  return undefined;
}

async function seedFor(
  cluster: ClusterPort,
  args: AskArgs,
  namespace: string,
  io: CommandIo,
): Promise<Report | undefined> {
  const target = namedTarget(args.question, namespace);
  if (target === undefined) return undefined;
  const result = await investigate({ cluster, clock: systemClock }, target);
  if (!result.ok)
    io.stderr.write(`ask: ${result.message}; the agent starts without the analyzers' findings\n`);
  return result.ok ? result.report : undefined;
}

async function run(args: AskArgs, io: CommandIo): Promise<number> {
  const config = loadConfig(io.env);
  const provider = args.llm ?? defaultLlmProvider(config);
  if (provider !== 'none') openLlm(config, provider);
  const kc = kubeConfigFor(args, io.env);
  const namespace =
    args.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const cluster = createKubeCluster(kc);
  const seed = await seedFor(cluster, args, namespace, io);
  if (provider === 'none') {
    if (seed === undefined) {
      throw new UsageError(
        'without an LLM (--llm none), ask answers only questions naming an object, e.g. "why is deploy/web failing?"',
      );
    }
    io.stdout.write(args.json ? `${JSON.stringify(seed, null, 2)}\n` : renderReport(seed));
    return 0;
  }
  const question = `${args.question}\n(default namespace: ${namespace})`;
  return answerWithAgent(io, cluster, {
    provider,
    question,
    target: seed?.target ?? `namespace ${namespace}`,
    seed,
    json: args.json,
  });
}

export async function askCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    return await run(parseAsk(argv), io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      io.stderr.write(`ask: ${err.message}\n\n${askUsage}\n`);
      return 2;
    }
    const message = isAppError(err) || err instanceof Error ? err.message : String(err);
    io.stderr.write(`ask: ${message}\n`);
    return 1;
  }
}
