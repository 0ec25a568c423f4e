import { isAppError } from '../errors.ts';
import { resolveTarget } from '../investigation/resolve.ts';
import type { TargetSpec } from '../investigation/target.ts';
import type { Clock, ClusterPort } from '../ports.ts';
import type { RunQueue } from '../queue.ts';
import type { Source } from '../resources/source.ts';
import type { Workflow } from '../resources/workflow.ts';
import { runName } from '../run-store.ts';
import { resolveInputs } from '../workflow/run-context.ts';
import { type ChatRunRequest, chatRunEvent, mentionRunName, targetLabels } from './chat-event.ts';
import {
  mayStartRuns,
  needsChannelName,
  type SlackSource,
  slackSourceFor,
  startGroups,
} from './chat-source.ts';
import { type MentionCommand, type MentionTarget, mentionInputs } from './mention-command.ts';

/**
 * Runs people start in Slack: the channel's slack Source says which
 * Workflow runs and who may start it; a named object must exist; the
 * Workflow's inputs must be satisfied. Only then is one job enqueued.
 */
export interface ChatDirectory {
  /** The channel's name without '#', when it can be looked up. */
  channelName(channel: string): Promise<string | undefined>;
  /** Which of `groups` the user belongs to. */
  memberGroups(user: string, groups: readonly string[]): Promise<readonly string[]>;
}

/** The Source's token bucket (shared by replicas): one token per run started. */
export interface ChatRateLimiter {
  take(
    bucket: string,
    rate: number,
    burst: number,
    nowMs: number,
  ): Promise<{ readonly allowed: boolean }>;
}

export interface ChatRunDeps {
  readonly registry: {
    sources(): readonly Source[];
    workflow(namespace: string, name: string): Workflow | undefined;
  };
  readonly queue: RunQueue;
  readonly cluster: Pick<ClusterPort, 'get'>;
  readonly directory: ChatDirectory;
  readonly clock: Clock;
  /** The Source's rateLimit; none: unlimited. */
  readonly limiter?: ChatRateLimiter;
  readonly random?: () => number;
}

export type RefusalReason =
  | 'no-source'
  | 'suspended'
  | 'not-allowed'
  | 'rate-limited'
  | 'no-workflow'
  | 'bad-inputs'
  | 'unknown-target'
  | 'cluster-error';

export type ChatRunResult =
  | {
      readonly type: 'enqueued';
      readonly runId: string;
      readonly namespace: string;
      readonly workflow: string;
      /** What the run looks at, for people: `deployment/checkout in shop`. */
      readonly subject: string;
    }
  | { readonly type: 'refused'; readonly reason: RefusalReason; readonly message: string };

const refuse = (reason: RefusalReason, message: string): ChatRunResult => ({
  type: 'refused',
  reason,
  message,
});

type SourceCheck = { ok: true; source: SlackSource } | { ok: false; result: ChatRunResult };

async function channelSource(deps: ChatRunDeps, request: ChatRunRequest): Promise<SourceCheck> {
  const sources = deps.registry.sources();
  const name = needsChannelName(sources)
    ? await deps.directory.channelName(request.channel)
    : undefined;
  const source = slackSourceFor(sources, { id: request.channel, ...(name ? { name } : {}) });
  if (source === undefined) {
    const message = `This channel is not set up for punchingfist: no slack Source lists <#${request.channel}>. Ask your platform team to add it to a Source's \`spec.slack.channels\`, or use a channel that is.`;
    return { ok: false, result: refuse('no-source', message) };
  }
  const where = `${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  if (source.spec.suspend) {
    const message = `The Source ${where} for this channel is suspended; no runs start from here until it is resumed.`;
    return { ok: false, result: refuse('suspended', message) };
  }
  const groups = await deps.directory.memberGroups(request.user, startGroups(source));
  if (!mayStartRuns(source, request.user, groups)) {
    const message = `You are not among the people who may start runs here (Source ${where}: \`spec.slack.users\` / \`userGroups\`).`;
    return { ok: false, result: refuse('not-allowed', message) };
  }
  if (!(await withinRate(deps, source))) {
    const { eventsPerSecond } = source.spec.rateLimit;
    const message = `Too many runs are starting from here right now (Source ${where} allows ${eventsPerSecond} a second); try again in a few seconds.`;
    return { ok: false, result: refuse('rate-limited', message) };
  }
  return { ok: true, source };
}

async function withinRate(deps: ChatRunDeps, source: SlackSource): Promise<boolean> {
  if (deps.limiter === undefined) return true;
  const { eventsPerSecond, burst } = source.spec.rateLimit;
  const bucket = `slack:${source.metadata.namespace ?? 'default'}/${source.metadata.name}`;
  const now = deps.clock.now().getTime();
  return (await deps.limiter.take(bucket, eventsPerSecond, burst, now)).allowed;
}

function workflowOf(deps: ChatRunDeps, source: Source, name: string): Workflow | undefined {
  return deps.registry.workflow(source.metadata.namespace ?? 'default', name);
}

interface FoundTarget {
  readonly inputs: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly subject: string;
}

type TargetCheck =
  | { readonly ok: true; readonly found: FoundTarget }
  | { readonly ok: false; readonly result: ChatRunResult };

function describeSpec(spec: Extract<TargetSpec, { by: 'ref' | 'name' }>): string {
  const what =
    spec.by === 'ref' ? `${spec.kind.toLowerCase()}/${spec.name}` : `anything named "${spec.name}"`;
  return spec.namespace === '' ? what : `${what} in namespace \`${spec.namespace}\``;
}

async function findTarget(
  cluster: Pick<ClusterPort, 'get'>,
  spec: Extract<TargetSpec, { by: 'ref' | 'name' }>,
): Promise<TargetCheck> {
  // resolveTarget only reads objects (get); the port's other calls are never made.
  const resolution = await resolveTarget(cluster as ClusterPort, spec);
  if (!resolution.ok) {
    const message = `I can't find ${describeSpec(spec)}. Check the name and the namespace (\`-n <namespace>\`), or describe the problem in words: \`investigate checkout is slow\`.`;
    return { ok: false, result: refuse('unknown-target', message) };
  }
  const { kind, name, namespace } = resolution.resolved;
  const ns = kind === 'Namespace' ? '' : namespace;
  const found = {
    inputs: { target: `${kind.toLowerCase()}/${name}`, kind, name, namespace },
    labels: targetLabels(kind, name, ns),
    subject: `${kind.toLowerCase()}/${name}${ns === '' ? '' : ` in ${ns}`}`,
  };
  return { ok: true, found };
}

const askTarget: FoundTarget = { inputs: {}, labels: {}, subject: 'your question' };

async function targetOf(
  deps: ChatRunDeps,
  command: Extract<MentionCommand, { type: 'investigate' | 'ask' }>,
): Promise<TargetCheck> {
  if (command.type === 'ask') return { ok: true, found: askTarget };
  const target: MentionTarget = command.target;
  if (target.by === 'text') {
    return { ok: true, found: { inputs: {}, labels: {}, subject: `"${target.text}"` } };
  }
  try {
    return await findTarget(deps.cluster, target.spec);
  } catch (err) {
    const message = isAppError(err, 'forbidden')
      ? `I am not allowed to look there: ${err.message}`
      : `I could not reach the cluster to check the target: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, result: refuse('cluster-error', message) };
  }
}

async function enqueue(
  deps: ChatRunDeps,
  workflow: Workflow,
  event: ReturnType<typeof chatRunEvent>,
  runId: string,
  subject: string,
): Promise<ChatRunResult> {
  const inputs = resolveInputs(workflow.spec, event.inputs ?? {});
  if (!inputs.ok)
    return refuse('bad-inputs', `Workflow ${workflow.metadata.name}: ${inputs.error}.`);
  await deps.queue.enqueue({ runId, event });
  return {
    type: 'enqueued',
    runId,
    namespace: event.source.namespace,
    workflow: event.workflow,
    subject,
  };
}

/** `@punchingfist investigate …` / `ask …`: the channel Source's Workflow, on the named target. */
export async function startMentionRun(
  deps: ChatRunDeps,
  request: ChatRunRequest & { readonly messageTs: string },
  command: Extract<MentionCommand, { type: 'investigate' | 'ask' }>,
): Promise<ChatRunResult> {
  const checked = await channelSource(deps, request);
  if (!checked.ok) return checked.result;
  const { source } = checked;
  const workflow = workflowOf(deps, source, source.spec.workflowRef.name);
  if (workflow === undefined) {
    return refuse(
      'no-workflow',
      `The Workflow ${source.spec.workflowRef.name} this channel runs does not exist or is not valid; ask your platform team.`,
    );
  }
  const checkedTarget = await targetOf(deps, command);
  if (!checkedTarget.ok) return checkedTarget.result;
  const { found } = checkedTarget;
  const runId = mentionRunName(workflow.metadata.name, request.channel, request.messageTs);
  const event = chatRunEvent({
    source,
    workflow: workflow.metadata.name,
    trigger: 'slack',
    request,
    title: `${command.type} ${found.subject}`,
    fingerprint: `slack:${request.channel}:${request.messageTs}`,
    inputs: { ...mentionInputs(command), ...found.inputs },
    labels: found.labels,
    now: deps.clock.now(),
  });
  return enqueue(deps, workflow, event, runId, found.subject);
}

/** `/punchingfist run <workflow> key=value…`: a Workflow of the channel Source's namespace. */
export async function startManualRun(
  deps: ChatRunDeps,
  request: ChatRunRequest,
  name: string,
  given: Readonly<Record<string, string>>,
): Promise<ChatRunResult> {
  const checked = await channelSource(deps, request);
  if (!checked.ok) return checked.result;
  const { source } = checked;
  const namespace = source.metadata.namespace ?? 'default';
  const workflow = workflowOf(deps, source, name);
  if (workflow === undefined) {
    return refuse(
      'no-workflow',
      `There is no Workflow \`${name}\` in namespace ${namespace}; \`/punchingfist workflows\` lists them.`,
    );
  }
  const declared = (workflow.spec.inputs ?? []).map((i) => i.name);
  const unknown = Object.keys(given).filter((k) => !declared.includes(k));
  if (unknown.length > 0) {
    const known =
      declared.length === 0 ? 'it takes no inputs' : `its inputs: ${declared.join(', ')}`;
    return refuse(
      'bad-inputs',
      `Workflow ${name} has no input ${unknown.map((k) => `\`${k}\``).join(', ')} (${known}).`,
    );
  }
  const now = deps.clock.now();
  const runId = runName(name, now, deps.random);
  const event = chatRunEvent({
    source,
    workflow: name,
    trigger: 'manual',
    request,
    title: `run ${name} (by ${request.user})`,
    fingerprint: `manual:${runId}`,
    inputs: given,
    now,
  });
  return enqueue(deps, workflow, event, runId, `workflow ${name}`);
}
