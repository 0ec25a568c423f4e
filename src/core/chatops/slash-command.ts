import { runPhases } from '../resources/workflow-run.ts';

/**
 * `/punchingfist <subcommand>`: workflows, runs [--status s] [--limit n],
 * run <workflow> [key=value...], status <run>, approve|deny <proposal>, help.
 */
export type SlashCommand =
  | { readonly type: 'workflows' }
  | { readonly type: 'runs'; readonly status?: string; readonly limit: number }
  | {
      readonly type: 'run';
      readonly workflow: string;
      readonly inputs: Readonly<Record<string, string>>;
    }
  | { readonly type: 'status'; readonly run: string }
  | { readonly type: 'decide'; readonly kind: 'approve' | 'dismiss'; readonly proposal: string }
  | { readonly type: 'help' }
  | { readonly type: 'invalid'; readonly message: string };

export const slashUsage = [
  '`/punchingfist workflows` — the Workflows you can run',
  '`/punchingfist runs [--status Running|Succeeded|Failed|…] [--limit n]` — recent runs',
  '`/punchingfist run <workflow> [key=value ...]` — start a run',
  '`/punchingfist status <run>` — where a run is',
  '`/punchingfist approve <proposal>` / `deny <proposal>` — decide on a remediation',
  '`/punchingfist help`',
].join('\n');

const defaultLimit = 10;
const maxLimit = 50;
const name = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const inputName = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

const invalid = (message: string): SlashCommand => ({
  type: 'invalid',
  message: `${message}\n${slashUsage}`,
});

/** Splits on spaces, keeping "double quoted" parts together (`question="why so slow"`). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)) {
    words.push(match[0].replace(/"/g, ''));
  }
  return words;
}

function phaseOf(value: string): string | undefined {
  return runPhases.find((p) => p.toLowerCase() === value.toLowerCase());
}

type RunsOption = { status: string } | { limit: number } | { error: string };

function runsOption(flag: string | undefined, value: string): RunsOption {
  if (flag === '--status') {
    const status = phaseOf(value);
    return status === undefined
      ? { error: `Unknown status "${value}"; one of ${runPhases.join(', ')}.` }
      : { status };
  }
  if (flag === '--limit') {
    const limit = Number(value);
    return Number.isInteger(limit) && limit >= 1 && limit <= maxLimit
      ? { limit }
      : { error: `--limit must be a whole number from 1 to ${maxLimit} (got "${value}").` };
  }
  return { error: `Unknown option "${flag}" for runs.` };
}

function parseRuns(args: readonly string[]): SlashCommand {
  let status: string | undefined;
  let limit = defaultLimit;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) return invalid(`\`${flag}\` needs a value.`);
    const option = runsOption(flag, value);
    if ('error' in option) return invalid(option.error);
    if ('status' in option) status = option.status;
    else limit = option.limit;
  }
  return status === undefined ? { type: 'runs', limit } : { type: 'runs', status, limit };
}

function parseRun(args: readonly string[]): SlashCommand {
  const [workflow, ...pairs] = args;
  if (workflow === undefined) return invalid('Which Workflow? `/punchingfist run <workflow>`.');
  if (!name.test(workflow)) return invalid(`"${workflow}" is not a Workflow name.`);
  const inputs: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at);
    if (at < 1 || !inputName.test(key)) {
      return invalid(`"${pair}" is not key=value (key: letters, digits, _).`);
    }
    inputs[key] = pair.slice(at + 1);
  }
  return { type: 'run', workflow, inputs };
}

function one(args: readonly string[], what: string, build: (v: string) => SlashCommand) {
  const [value, extra] = args;
  if (value === undefined || extra !== undefined) return invalid(`Give exactly one ${what}.`);
  return build(value);
}

export function parseSlashCommand(text: string): SlashCommand {
  const [sub, ...args] = splitWords(text.trim());
  switch (sub?.toLowerCase()) {
    case undefined:
    case 'help':
      return { type: 'help' };
    case 'workflows':
      return args.length === 0 ? { type: 'workflows' } : invalid('`workflows` takes no arguments.');
    case 'runs':
      return parseRuns(args);
    case 'run':
      return parseRun(args);
    case 'status':
      return one(args, 'run name', (run) => ({ type: 'status', run }));
    case 'approve':
      return one(args, 'proposal id', (proposal) => ({
        type: 'decide',
        kind: 'approve',
        proposal,
      }));
    case 'deny':
    case 'dismiss':
      return one(args, 'proposal id', (proposal) => ({
        type: 'decide',
        kind: 'dismiss',
        proposal,
      }));
    default:
      return invalid(`Unknown subcommand "${sub}".`);
  }
}
