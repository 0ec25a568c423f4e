import type { App, RespondArguments } from '@slack/bolt';
import type { Logger } from 'pino';
import { type ChatRunDeps, startManualRun } from '../core/chatops/chat-runs.ts';
import { slackSourceFor } from '../core/chatops/chat-source.ts';
import { parseSlashCommand, type SlashCommand, slashUsage } from '../core/chatops/slash-command.ts';
import type { ApprovalGate } from '../core/remediation/proposal.ts';
import type { Workflow, WorkflowRun } from '../core/resources/index.ts';
import type { RunStore } from '../core/run-store.ts';
import { runsReply, statusReply, workflowsReply } from './command-replies.ts';
import { type DecisionDeps, decideProposal } from './proposal-decisions.ts';

/**
 * `/punchingfist …`: acked at once (Slack's 3 seconds), answered through
 * the response_url. Lists and mistakes are ephemeral; a started run is
 * announced in the channel. Runs are listed from the run store (the API
 * server's WorkflowRuns; Redis in local mode), in the namespace of the
 * channel's Source when it has one.
 */
export interface CommandDeps {
  readonly runs: ChatRunDeps;
  readonly registry: ChatRunDeps['registry'] & { workflows(): readonly Workflow[] };
  readonly store: RunStore;
  readonly decisions: Omit<DecisionDeps, 'gate'> & { readonly gate: ApprovalGate | undefined };
  readonly logger: Logger;
}

export interface CommandRequest {
  readonly text: string;
  readonly channel: string;
  readonly user: string;
}

const ephemeral = (text: string): RespondArguments => ({ response_type: 'ephemeral', text });

function channelNamespace(deps: CommandDeps, channel: string): string | undefined {
  return slackSourceFor(deps.registry.sources(), { id: channel })?.metadata.namespace;
}

function namespacesToSearch(deps: CommandDeps, channel: string): string[] {
  const all = [...deps.registry.sources(), ...deps.registry.workflows()].map(
    (r) => r.metadata.namespace ?? 'default',
  );
  const first = channelNamespace(deps, channel);
  return [...new Set([...(first === undefined ? [] : [first]), ...all])];
}

async function findRun(deps: CommandDeps, name: string, channel: string) {
  const [ns, bare] = name.includes('/') ? name.split('/', 2) : [undefined, name];
  const namespaces = ns === undefined ? namespacesToSearch(deps, channel) : [ns];
  for (const namespace of namespaces) {
    const run: WorkflowRun | undefined = await deps.store.get(namespace, bare ?? name);
    if (run !== undefined) return run;
  }
  return undefined;
}

async function decide(
  deps: CommandDeps,
  command: Extract<SlashCommand, { type: 'decide' }>,
  user: string,
): Promise<RespondArguments> {
  const gate = deps.decisions.gate;
  if (gate === undefined) return ephemeral('Approvals are not enabled on this deployment.');
  const answer = await decideProposal(
    { ...deps.decisions, gate },
    { value: command.proposal, kind: command.kind, user },
  );
  return ephemeral(answer.type === 'invalid-id' ? answer.message : answer.result.message);
}

async function manualRun(
  deps: CommandDeps,
  command: Extract<SlashCommand, { type: 'run' }>,
  request: CommandRequest,
): Promise<RespondArguments> {
  const result = await startManualRun(
    deps.runs,
    { channel: request.channel, user: request.user },
    command.workflow,
    command.inputs,
  );
  if (result.type === 'refused') return ephemeral(result.message);
  return {
    response_type: 'in_channel',
    text: `<@${request.user}> started run \`${result.runId}\` of ${result.workflow}. \`/punchingfist status ${result.runId}\` shows where it is.`,
  };
}

export async function answerCommand(
  deps: CommandDeps,
  request: CommandRequest,
): Promise<RespondArguments> {
  const command = parseSlashCommand(request.text);
  switch (command.type) {
    case 'help':
      return ephemeral(`*punchingfist*\n${slashUsage}`);
    case 'invalid':
      return ephemeral(command.message);
    case 'workflows':
      return ephemeral(workflowsReply(deps.registry.workflows()));
    case 'runs': {
      const namespace = channelNamespace(deps, request.channel);
      const runs = await deps.store.list({
        limit: command.limit,
        ...(namespace === undefined ? {} : { namespace }),
        ...(command.status === undefined ? {} : { phase: command.status }),
      });
      return ephemeral(runsReply(runs, command.status));
    }
    case 'status': {
      const run = await findRun(deps, command.run, request.channel);
      return ephemeral(
        run === undefined
          ? `There is no run \`${command.run}\`. \`/punchingfist runs\` lists recent ones.`
          : statusReply(run),
      );
    }
    case 'run':
      return manualRun(deps, command, request);
    case 'decide':
      return decide(deps, command, request.user);
  }
}

export function registerCommandListener(app: App, deps: CommandDeps): void {
  app.command('/punchingfist', async ({ command, ack, respond }) => {
    await ack();
    const request = { text: command.text, channel: command.channel_id, user: command.user_id };
    try {
      await respond(await answerCommand(deps, request));
    } catch (err) {
      deps.logger.error({ err, text: command.text }, 'slash command failed');
      await respond(
        ephemeral(`Sorry, that failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  });
}
