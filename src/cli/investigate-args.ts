import { parseArgs } from 'node:util';

/** `punchingfist investigate <kind/name | name> [-n NS] [--json] [--llm none] [--kubeconfig PATH] [--context NAME]` */
export const llmChoices = ['none', 'anthropic', 'openai'] as const;
export type LlmChoice = (typeof llmChoices)[number];

export interface InvestigateArgs {
  readonly target: string;
  readonly namespace?: string;
  readonly json: boolean;
  readonly llm: LlmChoice;
  readonly kubeconfig?: string;
  readonly context?: string;
}

export type ArgsResult =
  | { readonly ok: true; readonly args: InvestigateArgs }
  | { readonly ok: false; readonly help: boolean; readonly message: string };

export const investigateUsage = `Usage: punchingfist investigate <kind/name | name> [-n NS] [--json] [--llm none|anthropic|openai]
                                [--kubeconfig PATH] [--context NAME]

  <kind/name>   deploy/web, pod/web-7d9c-x, svc/checkout, node/node-1, job/migrate, ns/shop…
  <name>        a bare name: the Deployment, StatefulSet, … Pod, Service or Node it names
  -n NS         namespace (default: the kubeconfig context's, else "default")
  --json        print the report as one JSON object on stdout (progress goes to stderr)
  --llm         none (default): the deterministic analyzers answer;
                anthropic (ANTHROPIC_API_KEY) or openai (OPENAI_BASE_URL): the LLM agent,
                seeded with the analyzers' findings, tool calls shown on stderr
  --kubeconfig  kubeconfig file (default: $KUBECONFIG, ~/.kube/config, in-cluster)
  --context     kubeconfig context (default: the current one)

Exit codes: 0 investigated (whether or not something is wrong), 1 error, 2 usage.`;

function isLlm(value: string): value is LlmChoice {
  return (llmChoices as readonly string[]).includes(value);
}

export function parseInvestigateArgs(argv: readonly string[]): ArgsResult {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    return { ok: false, help: false, message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: false, help: true, message: investigateUsage };
  const [target, ...extra] = positionals;
  if (target === undefined)
    return { ok: false, help: false, message: 'investigate needs a target, e.g. deploy/web' };
  if (extra.length > 0)
    return {
      ok: false,
      help: false,
      message: `one target at a time (got ${positionals.join(', ')})`,
    };
  const llm = values.llm ?? 'none';
  if (!isLlm(llm))
    return {
      ok: false,
      help: false,
      message: `--llm must be one of ${llmChoices.join(', ')} (got "${llm}")`,
    };
  return {
    ok: true,
    args: {
      target,
      json: values.json === true,
      llm,
      ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
      ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
      ...(values.context === undefined ? {} : { context: values.context }),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
      llm: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
