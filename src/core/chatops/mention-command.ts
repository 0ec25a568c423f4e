import { parseTarget, type TargetSpec } from '../investigation/target.ts';
import { kindFromAlias } from '../kube/kinds.ts';

/**
 * What a person asks the bot in a mention:
 * `@punchingfist investigate pod/x -n ns`, `investigate deployment x`,
 * `investigate checkout is slow since 10:00`, `ask <question>`, `help`.
 */
export type MentionTarget =
  /** An object the cluster must hold (checked before anything is enqueued). */
  | { readonly by: 'object'; readonly spec: Extract<TargetSpec, { by: 'ref' | 'name' }> }
  /** Words the Workflow's agent reads; nothing to look up. */
  | { readonly by: 'text'; readonly text: string; readonly namespace?: string };

export type MentionCommand =
  | { readonly type: 'investigate'; readonly target: MentionTarget }
  | { readonly type: 'ask'; readonly question: string }
  | { readonly type: 'help' }
  | { readonly type: 'invalid'; readonly message: string };

export const mentionUsage = [
  '`@punchingfist investigate <kind/name> [-n namespace]` e.g. `investigate pod/api-7f -n shop`',
  '`@punchingfist investigate <kind> <name> [-n namespace]` e.g. `investigate deployment checkout -n shop`',
  '`@punchingfist investigate <what is wrong, in words>`',
  '`@punchingfist ask <question>`',
  '`@punchingfist help`',
].join('\n');

const maxText = 2000;
const userMention = /<@[UW][A-Z0-9]+(\|[^>]*)?>/g;

/** Removes `-n ns`, `--namespace ns`, `-n=ns`, `--namespace=ns`; the last one wins. */
function takeNamespace(words: readonly string[]): { rest: string[]; namespace?: string } {
  const rest: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const inline = /^(?:-n|--namespace)=(.+)$/.exec(word);
    if (inline?.[1] !== undefined) namespace = inline[1];
    else if ((word === '-n' || word === '--namespace') && words[i + 1] !== undefined) {
      namespace = words[i + 1];
      i += 1;
    } else rest.push(word);
  }
  return namespace === undefined ? { rest } : { rest, namespace };
}

function objectTarget(text: string, namespace: string): MentionCommand | undefined {
  const parsed = parseTarget(text, namespace);
  if (!parsed.ok) return { type: 'invalid', message: parsed.message };
  if (parsed.target.by === 'labels') return undefined;
  return { type: 'investigate', target: { by: 'object', spec: parsed.target } };
}

const dnsName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function parseInvestigate(words: readonly string[]): MentionCommand {
  const { rest, namespace } = takeNamespace(words);
  const ns = namespace ?? 'default';
  const [first, second] = rest;
  if (first === undefined) {
    return { type: 'invalid', message: `What should I investigate?\n${mentionUsage}` };
  }
  if (rest.length === 1 && first.includes('/')) return objectTarget(first, ns) ?? help();
  if (rest.length === 2 && second !== undefined && kindFromAlias(first) !== undefined) {
    if (dnsName.test(second)) return objectTarget(`${first}/${second}`, ns) ?? help();
  }
  if (rest.length === 1 && dnsName.test(first)) return objectTarget(first, ns) ?? help();
  const text = rest.join(' ').slice(0, maxText);
  return {
    type: 'investigate',
    target: namespace === undefined ? { by: 'text', text } : { by: 'text', text, namespace },
  };
}

const help = (): MentionCommand => ({ type: 'help' });

/** Parses a mention's text (bot and user mentions removed). */
export function parseMention(text: string): MentionCommand {
  const words = text.replace(userMention, ' ').trim().split(/\s+/).filter(Boolean);
  const [verb, ...rest] = words;
  switch (verb?.toLowerCase()) {
    case undefined:
    case 'help':
      return help();
    case 'investigate':
      return parseInvestigate(rest);
    case 'ask': {
      const question = rest.join(' ').slice(0, maxText);
      return question === ''
        ? { type: 'invalid', message: `What is the question?\n${mentionUsage}` }
        : { type: 'ask', question };
    }
    default:
      return {
        type: 'invalid',
        message: `I do not know "${verb}". I understand:\n${mentionUsage}`,
      };
  }
}

/** The run inputs a mention gives its Workflow (see examples/investigate.yaml). */
export function mentionInputs(command: MentionCommand): Record<string, string> {
  if (command.type === 'ask') return { question: command.question, target: command.question };
  if (command.type !== 'investigate') return {};
  const target = command.target;
  if (target.by === 'text') {
    return {
      target: target.text,
      question: target.text,
      ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
    };
  }
  const spec = target.spec;
  return spec.by === 'ref'
    ? {
        target: `${spec.kind.toLowerCase()}/${spec.name}`,
        kind: spec.kind,
        name: spec.name,
        namespace: spec.namespace,
      }
    : { target: spec.name, name: spec.name, namespace: spec.namespace };
}
