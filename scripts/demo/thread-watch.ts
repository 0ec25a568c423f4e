import { proposalActionIds } from '../../src/adapters/slack/views/proposal-blocks.ts';
import type { RunningWorkspace, StoredMessage } from '../../src/workspace/index.ts';
import { until } from './until.ts';

/** Reads the alert thread the bot keeps in the local workspace, as a person would look at it. */
export interface ThreadRef {
  readonly channel: string;
  readonly ts: string;
}

const textOf = (m: StoredMessage): string => JSON.stringify([m.text, m.blocks, m.attachments]);

export function channelId(workspace: RunningWorkspace, name: string): string {
  const channel = workspace.state.channel(name);
  if (channel === undefined) throw new Error(`the workspace has no #${name}`);
  return channel.id;
}

export function waitForThread(
  workspace: RunningWorkspace,
  channel: string,
  timeoutMs: number,
): Promise<ThreadRef> {
  return until(
    `the bot's alert thread in the channel`,
    () => {
      const parent = workspace.state
        .messages(channel)
        .find((m) => m.botId !== undefined && m.threadTs === undefined);
      return parent === undefined ? undefined : { channel, ts: parent.ts };
    },
    timeoutMs,
  );
}

export function replies(workspace: RunningWorkspace, thread: ThreadRef): StoredMessage[] {
  return workspace.state.thread(thread.channel, thread.ts).replies;
}

/** The first reply (or the parent) whose text matches. */
export function waitForReply(
  workspace: RunningWorkspace,
  thread: ThreadRef,
  what: string,
  matches: (text: string) => boolean,
  timeoutMs: number,
): Promise<StoredMessage> {
  return until(what, () => replies(workspace, thread).find((m) => matches(textOf(m))), timeoutMs);
}

export function hasApproveButton(m: StoredMessage): boolean {
  return textOf(m).includes(`"${proposalActionIds.approve}"`);
}

/** The proposal message, re-read (it is edited in place as the proposal moves on). */
export function current(workspace: RunningWorkspace, m: StoredMessage): string {
  const now = workspace.state.message(m.channel, m.ts);
  return now === undefined ? '' : textOf(now);
}

export { textOf };
