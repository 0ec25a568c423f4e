import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatMessage, SlackChat } from '../../adapters/slack/slack-chat.ts';
import { progressBlocks, progressText } from '../../adapters/slack/views/progress-blocks.ts';
import { proposalBlocks, proposalText } from '../../adapters/slack/views/proposal-blocks.ts';
import {
  fullEvidenceText,
  reportBlocks,
  reportText,
} from '../../adapters/slack/views/report-blocks.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { Report } from '../../core/investigation/report.ts';
import type { Clock } from '../../core/ports.ts';
import type { ApprovalGate } from '../../core/remediation/proposal.ts';
import type { RunEvent, RunEventSink } from '../../core/run-events.ts';
import { applyRunEvent, startProgress } from '../../core/run-progress.ts';
import type { RunStore } from '../../core/run-store.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import type { RunRef } from '../../core/workflow/run-context.ts';
import { createMessageLedger, type LedgerOptions, type MessageLedger } from './message-ledger.ts';
import { planRunEnd } from './run-end-plan.ts';
import { loadRunState, type RunState, saveRunState } from './run-state.ts';
import { createSerialQueue } from './serial-queue.ts';
import { markerOf, runKey } from './thread-keys.ts';
import {
  openTargets,
  sinkTarget,
  type Target,
  type TargetDeps,
  type ThreadTarget,
} from './thread-targets.ts';

/**
 * The Slack thread of a run, fed by its RunEvents: the thread (the
 * mention's, or the alert group's in the Workflow's Slack Sink channels),
 * ONE progress message edited in place as steps run (edits of live notes
 * throttled; step and run ends always shown), the report, each proposal
 * (edited on every later state), and the run's end (per Slack Sink: its
 * template rendered; conditional Sinks get only this, when their condition
 * holds). A Sink with `threaded: false` gets the messages at the channel's
 * top level. Every post goes through the ledger, so nothing is posted twice.
 */
export interface SlackThreadSinkDeps {
  readonly chat: SlackChat;
  readonly redis: Redis;
  readonly prefix: string;
  readonly registry: Pick<Registry, 'workflow' | 'sink'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told where each proposal's message is (so the buttons' handlers can edit it too). */
  readonly gate?: Pick<ApprovalGate, 'attachChat'>;
  /** Least time between two edits of a progress message for live notes (default 1 s). */
  readonly throttleMs?: number;
  readonly ledger?: LedgerOptions;
  readonly onThreadOpened?: (event: SourceEvent, target: ThreadTarget) => Promise<void>;
  /** The recorded WorkflowRun, for Sink conditions and templates over outputs. */
  readonly runs?: Pick<RunStore, 'get'>;
  /** CEL for Sink conditions; without it, conditional Slack Sinks get nothing. */
  readonly evaluator?: ExpressionEvaluator;
}

export interface SlackThreadSink extends RunEventSink {
  /** Flushes pending progress edits and waits for queued events. */
  close(): Promise<void>;
}

interface Live {
  state: RunState;
  lastFlushMs: number;
  timer?: NodeJS.Timeout;
}

class ThreadSink {
  private readonly live = new Map<string, Live>();
  private readonly queue;
  private readonly ledger: MessageLedger;
  private readonly targetDeps: TargetDeps;

  constructor(private readonly deps: SlackThreadSinkDeps) {
    this.queue = createSerialQueue((err, key) =>
      deps.logger.warn({ err, run: key }, 'slack thread update failed'),
    );
    this.ledger = createMessageLedger(deps.redis, deps.clock, deps.ledger);
    this.targetDeps = { ...deps, ledger: this.ledger };
  }

  publish(event: RunEvent): Promise<void> {
    const key = runKey(this.deps.prefix, event.run);
    return this.queue.push(key, () => this.handle(key, event));
  }

  async close(): Promise<void> {
    for (const [key, live] of this.live) {
      if (live.timer === undefined) continue;
      clearTimeout(live.timer);
      delete live.timer;
      void this.queue.push(key, () => this.flushProgress(key, live));
    }
    await this.queue.idle();
  }

  private async handle(key: string, event: RunEvent): Promise<void> {
    const live = await this.liveOf(key, event);
    if (live === undefined) return;
    switch (event.type) {
      case 'report':
        await this.report(key, live, event.step, event.report);
        return;
      case 'proposal':
        await this.proposal(key, live, event);
        return;
      default:
        await this.progress(key, live, event);
    }
  }

  /** The run's live state: in memory, else from Redis, else opened now (run start). */
  private async liveOf(key: string, event: RunEvent): Promise<Live | undefined> {
    const cached = this.live.get(key);
    if (cached !== undefined) return cached;
    const stored = await loadRunState(this.deps.redis, key);
    const opening = event.type === 'run-started' || event.type === 'run-finished';
    const state =
      stored ?? (opening ? await this.open(key, event.run, event.event, event.at) : undefined);
    if (state === undefined || state.targets.length === 0) return undefined;
    const live: Live = { state, lastFlushMs: 0 };
    this.live.set(key, live);
    return live;
  }

  private async open(key: string, run: RunRef, event: SourceEvent, at: string): Promise<RunState> {
    const targets = await openTargets(this.targetDeps, run, event);
    const state = { targets, progress: startProgress(event.title, at) };
    if (targets.length > 0) await saveRunState(this.deps.redis, key, state);
    return state;
  }

  private async progress(key: string, live: Live, event: RunEvent): Promise<void> {
    live.state = { ...live.state, progress: applyRunEvent(live.state.progress, event) };
    await saveRunState(this.deps.redis, key, live.state);
    if (event.type === 'step-progress') {
      this.throttled(key, live);
      return;
    }
    await this.flushProgress(key, live);
    if (event.type === 'run-finished') {
      await this.end(key, live, event);
      this.live.delete(key);
    }
  }

  /** Live notes edit the message at most once per throttle interval; the last one always lands. */
  private throttled(key: string, live: Live): void {
    if (live.timer !== undefined) return;
    const throttleMs = this.deps.throttleMs ?? 1_000;
    const wait = live.lastFlushMs + throttleMs - this.deps.clock.now().getTime();
    live.timer = setTimeout(
      () => {
        delete live.timer;
        void this.queue.push(key, () => this.flushProgress(key, live));
      },
      Math.max(0, wait),
    );
    live.timer.unref();
  }

  private async flushProgress(key: string, live: Live): Promise<void> {
    if (live.timer !== undefined) {
      clearTimeout(live.timer);
      delete live.timer;
    }
    live.lastFlushMs = this.deps.clock.now().getTime();
    const message = {
      text: progressText(live.state.progress),
      blocks: progressBlocks(live.state.progress),
    };
    for (const target of live.state.targets) {
      const posted = await this.postOnce(key, target, 'progress', message);
      if (!posted.fresh)
        await this.deps.chat.update(posted.message.channel, posted.message.ts, message);
    }
  }

  private async proposal(key: string, live: Live, event: Extract<RunEvent, { type: 'proposal' }>) {
    const record = event.proposal;
    const message = { text: proposalText(record), blocks: proposalBlocks(record) };
    for (const [i, target] of live.state.targets.entries()) {
      const posted = await this.postOnce(key, target, `proposal:${record.id}`, message);
      const { channel, ts } = posted.message;
      if (!posted.fresh) await this.deps.chat.update(channel, ts, message);
      else if (i === 0) await this.deps.gate?.attachChat(record.id, { channel, ts });
    }
  }

  /** The report; when the message had to cut evidence, the full text as a file beside it. */
  private async report(key: string, live: Live, step: string, report: Report): Promise<void> {
    const message = { text: reportText(report), blocks: reportBlocks(report) };
    const evidence = fullEvidenceText(report);
    for (const target of live.state.targets) {
      const posted = await this.postOnce(key, target, `report:${step}`, message);
      if (!posted.fresh || evidence === undefined) continue;
      // At the channel's top level, the file goes in the report's own thread.
      const thread = target.thread ?? posted.message.ts;
      const file = {
        content: Buffer.from(evidence),
        filename: `evidence-${step}.txt`,
        title: 'Full evidence',
      };
      await this.deps.chat
        .upload(target.channel, thread, file)
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, run: key }, 'full evidence not uploaded'),
        );
    }
  }

  /** The run's end: each target's Sink's message; then the conditional Sinks whose condition holds. */
  private async end(key: string, live: Live, event: Extract<RunEvent, { type: 'run-finished' }>) {
    const kind = `end:${event.phase}`;
    const plan = await planRunEnd(this.deps, event);
    for (const target of live.state.targets) {
      const message = target.sink === undefined ? undefined : plan.messages.get(target.sink);
      await this.postOnce(key, target, kind, message ?? plan.fallback);
    }
    if (event.event.reply !== undefined) return;
    for (const sink of plan.conditional) {
      const message = plan.messages.get(sink.name) ?? plan.fallback;
      const target = await sinkTarget(this.targetDeps, event.event, sink);
      await this.postOnce(key, { ...target, id: `sink:${sink.name}` }, kind, message);
    }
  }

  private postOnce(key: string, target: Target, kind: string, message: ChatMessage) {
    const slot = { key, field: `${kind}@${target.id}` };
    const marker = markerOf(key, slot.field, this.deps.prefix);
    const { chat } = this.deps;
    const { thread } = target;
    const where = thread === undefined ? { oldest: target.oldest ?? '0' } : { thread };
    return this.ledger.once(slot, {
      find: async () => {
        const ts = await chat.findMarked(target.channel, marker, where);
        return ts === undefined ? undefined : { channel: target.channel, ts };
      },
      post: () =>
        chat.post(target.channel, message, { ...(thread === undefined ? {} : { thread }), marker }),
    });
  }
}

export function createSlackThreadSink(deps: SlackThreadSinkDeps): SlackThreadSink {
  const sink = new ThreadSink(deps);
  return { publish: (event) => sink.publish(event), close: () => sink.close() };
}
