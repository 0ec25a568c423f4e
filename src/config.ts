import { z } from 'zod';

/**
 * The process environment, parsed once in the composition root. Nothing else
 * reads `process.env`. Every problem is reported together, each naming its
 * variable, so a person fixes a bad deployment in one go.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (what: string) =>
  optionalString.refine((v) => v === undefined || isHttpUrl(v), {
    message: `must be an http(s) URL (${what})`,
  });

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

const token = (prefix: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  });

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z.object({
  REDIS_URL: z
    .string()
    .trim()
    .default('redis://127.0.0.1:6379')
    .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), {
      message: 'must be a redis:// or rediss:// URL',
    }),
  /** Key prefix of everything punchingfist keeps in Redis; several installations may share one Redis. */
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,32}:$/, 'must be 1-32 of A-Z a-z 0-9 _ . - followed by ":"')
    .default('pf:'),
  KUBECONFIG: optionalString,
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0..65535')
    .max(65535, 'must be 0..65535')
    .default(8080),
  SLACK_BOT_TOKEN: token('xoxb-'),
  SLACK_APP_TOKEN: token('xapp-'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url('Slack Web API base, e.g. http://127.0.0.1:3999/api/'),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: url('Anthropic API base'),
  OPENAI_BASE_URL: url('OpenAI-compatible API base, e.g. http://127.0.0.1:11434/v1'),
  OPENAI_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  /** Hosts the agent's http_check may GET, comma-separated (`*.svc.cluster.local` allowed). Unset: no http_check tool. */
  PUNCHINGFIST_HTTP_CHECK_HOSTS: optionalString
    .refine(
      (v) =>
        v === undefined || v.split(',').every((h) => /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(h.trim())),
      {
        message: 'must be host names (or *.suffix), comma-separated',
      },
    )
    .transform((v) => (v === undefined ? [] : v.split(',').map((h) => h.trim().toLowerCase()))),
  /** A directory of Markdown runbooks for the agent's runbook_lookup. */
  PUNCHINGFIST_RUNBOOK_DIR: optionalString,
  PROMETHEUS_URL: url('Prometheus base URL'),
  ALERTMANAGER_URL: url('Alertmanager base URL'),
  POD_NAMESPACE: z
    .string()
    .trim()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
    .default('default'),
  /** Who may approve remediations of Workflows naming no approvers: Slack ids, comma-separated (S… are user groups). Unset: anyone. */
  PUNCHINGFIST_APPROVERS: optionalString.refine(
    (v) => v === undefined || v.split(',').every((id) => /^[UWS][A-Z0-9]{2,}$/.test(id.trim())),
    { message: 'must be Slack user (U…/W…) or user group (S…) ids, comma-separated' },
  ),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .default('info')
    .pipe(z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` })),
});

export type Config = z.infer<typeof envSchema>;

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key]] as const),
  );
  const parsed = envSchema.safeParse(known);
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    message: issue.message,
  }));
  return { ok: false, problems };
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return `invalid environment (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
