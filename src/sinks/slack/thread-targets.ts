import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatMessage, PostedMessage, SlackChat } from '../../adapters/slack/slack-chat.ts';
import { alertAttachments, alertText } from '../../adapters/slack/views/alert-blocks.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { RunRef } from '../../core/workflow/run-context.ts';
import type { LedgerSlot, MessageLedger } from './message-ledger.ts';
import { alertGroupKey, markerOf, runKey, threadField } from './thread-keys.ts';

/**
 * Where a run's messages go: the thread of the mention or command that
 * asked for it, or — for alerts and other triggers — per Slack Sink of the
 * Workflow: the alert group's thread in its channel, opened by the first
 * run of the group and reused by every later one, or the channel itself
 * (`threaded: false`). A Sink with a condition (its own or its binding's)
 * gets no live messages, only the run's end when the condition holds.
 */
export interface Target {
  /** Stable name of the target within the run (the ledger's slots use it). */
  readonly id: string;
  readonly channel: string;
  /** The thread the messages go in; unset: top level in the channel. */
  readonly thread?: string;
  /** Top level: where to look for a message a crashed poster may have sent. */
  readonly oldest?: string;
  /** The Slack Sink this target is for (its template renders the run's end). */
  readonly sink?: string;
}

export type ThreadTarget = Target & { readonly thread: string };

/** A Slack Sink bound to a Workflow. */
export interface SlackSinkBinding {
  readonly name: string;
  readonly channel: string;
  readonly threaded: boolean;
  /** A condition on the Sink or its binding: the Sink gets only the run's end, when it holds. */
  readonly conditional: boolean;
}

export interface TargetDeps {
  readonly chat: SlackChat;
  readonly redis: Redis;
  readonly ledger: MessageLedger;
  readonly registry: Pick<Registry, 'workflow' | 'sink'>;
  readonly prefix: string;
  readonly logger: Logger;
  /** Called once an alert thread is first opened (e.g. to attach a graph). */
  readonly onThreadOpened?: (event: SourceEvent, target: ThreadTarget) => Promise<void>;
}

/** The Workflow's Slack Sinks (channel as configured: id or #name). */
export function slackSinksOf(
  registry: Pick<Registry, 'workflow' | 'sink'>,
  namespace: string,
  workflow: string,
): SlackSinkBinding[] {
  const bindings = registry.workflow(namespace, workflow)?.spec.sinks ?? [];
  return bindings.flatMap((b) => {
    const spec = registry.sink(namespace, b.sinkRef.name)?.spec;
    if (spec?.type !== 'slack') return [];
    const { channel, threaded } = spec.target;
    const conditional = b.condition !== undefined || spec.condition !== undefined;
    return [{ name: b.sinkRef.name, channel, threaded, conditional }];
  });
}

/** A minute before the event: where to look for a parent a crashed poster may have sent. */
function oldestTs(event: SourceEvent): string {
  const ms = Date.parse(event.receivedAt);
  return Number.isNaN(ms) ? '0' : String(Math.floor(ms / 1000) - 60);
}

async function postOnce(
  deps: TargetDeps,
  slot: LedgerSlot,
  channel: string,
  message: ChatMessage,
  oldest: string,
) {
  const marker = markerOf(slot.key, slot.field, deps.prefix);
  return deps.ledger.once(slot, {
    find: async (): Promise<PostedMessage | undefined> => {
      const ts = await deps.chat.findMarked(channel, marker, { oldest });
      return ts === undefined ? undefined : { channel, ts };
    },
    post: () => deps.chat.post(channel, message, { marker }),
  });
}

/** Whether the event is newer than what the group's parent shows; records it if so. */
export async function isNewer(
  deps: Pick<TargetDeps, 'redis'>,
  key: string,
  channel: string,
  receivedAt: string,
): Promise<boolean> {
  const field = `shown:${channel}`;
  const shown = await deps.redis.hget(key, field);
  if (shown !== null && Date.parse(shown) >= Date.parse(receivedAt)) return false;
  await deps.redis.hset(key, field, receivedAt);
  return true;
}

async function replyTarget(deps: TargetDeps, run: RunRef, event: SourceEvent): Promise<Target[]> {
  const reply = event.reply;
  if (reply === undefined) return [];
  if (reply.threadTs !== undefined)
    return [{ id: 'reply', channel: reply.channel, thread: reply.threadTs }];
  const slot = { key: runKey(deps.prefix, run), field: 'parent' };
  const message = { text: `:mag: ${event.title}` };
  const { message: parent } = await postOnce(deps, slot, reply.channel, message, oldestTs(event));
  return [{ id: 'reply', channel: parent.channel, thread: parent.ts }];
}

async function groupTarget(
  deps: TargetDeps,
  event: SourceEvent,
  channel: string,
): Promise<ThreadTarget> {
  const slot = { key: alertGroupKey(deps.prefix, event.fingerprint), field: threadField(channel) };
  const message = {
    text: alertText(event, { status: event.status }),
    attachments: alertAttachments(event, { status: event.status }),
  };
  const posted = await postOnce(deps, slot, channel, message, oldestTs(event));
  if (posted.fresh) await isNewer(deps, slot.key, channel, event.receivedAt);
  const target = { id: channel, channel: posted.message.channel, thread: posted.message.ts };
  if (posted.fresh) {
    await deps
      .onThreadOpened?.(event, target)
      .catch((err: unknown) =>
        deps.logger.warn({ err, channel }, 'could not complete the new alert thread'),
      );
  } else if (await isNewer(deps, slot.key, channel, event.receivedAt)) {
    // A later firing of the same group: the parent shows the group as it is now (firing again).
    // The same event again (a retried job, a run resumed after approval) leaves it alone.
    await deps.chat.update(target.channel, target.thread, message);
  }
  return target;
}

/** A Slack Sink's target: the alert group's thread in its channel, or the channel itself. */
export async function sinkTarget(
  deps: TargetDeps,
  event: SourceEvent,
  sink: SlackSinkBinding,
): Promise<Target> {
  if (!sink.threaded)
    return {
      id: `top:${sink.channel}`,
      channel: sink.channel,
      oldest: oldestTs(event),
      sink: sink.name,
    };
  return { ...(await groupTarget(deps, event, sink.channel)), sink: sink.name };
}

export async function openTargets(
  deps: TargetDeps,
  run: RunRef,
  event: SourceEvent,
): Promise<Target[]> {
  if (event.reply !== undefined) return replyTarget(deps, run, event);
  const sinks = slackSinksOf(deps.registry, run.namespace, run.workflow).filter(
    (s) => !s.conditional,
  );
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const sink of sinks) {
    const id = sink.threaded ? sink.channel : `top:${sink.channel}`;
    if (seen.has(id)) continue; // two Sinks on one channel: one thread
    seen.add(id);
    targets.push(await sinkTarget(deps, event, sink));
  }
  return targets;
}
