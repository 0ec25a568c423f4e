import type { Logger } from 'pino';
import type { ChatMessage } from '../../adapters/slack/slack-chat.ts';
import { section } from '../../adapters/slack/views/block-builders.ts';
import { slackLimits, splitText, truncate } from '../../adapters/slack/views/slack-limits.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { RunEvent } from '../../core/run-events.ts';
import type { RunStore } from '../../core/run-store.ts';
import { planDeliveries } from '../../core/sinks/sink-plan.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';
import { runEndMessage } from './run-end-message.ts';
import { type SlackSinkBinding, slackSinksOf } from './thread-targets.ts';

/**
 * A run's last word per Slack Sink, planned as every other Sink's delivery
 * is (`planDeliveries`: the binding's and the Sink's CEL conditions over the
 * finished run, the Sink's mustache template over the run context): a Sink
 * with a template gets it rendered, one without gets the default end
 * message; a conditional Sink whose condition does not hold gets nothing.
 */
export interface RunEndPlanDeps {
  readonly registry: Pick<Registry, 'workflow' | 'sink'>;
  /** The recorded WorkflowRun (outputs, step summaries) for conditions and templates. */
  readonly runs?: Pick<RunStore, 'get'>;
  /** CEL; without it, conditional Slack Sinks are skipped. */
  readonly evaluator?: ExpressionEvaluator;
  readonly logger: Logger;
}

export interface RunEndPlan {
  /** The end message of each Slack Sink that gets one, by Sink name. */
  readonly messages: ReadonlyMap<string, ChatMessage>;
  /** Conditional Sinks whose conditions hold: they get the end message only. */
  readonly conditional: readonly SlackSinkBinding[];
  /** For targets of no Sink (a mention's thread). */
  readonly fallback: ChatMessage;
}

const noEvaluator: ExpressionEvaluator = {
  evaluate: () => ({ ok: false, error: 'no CEL evaluator configured' }),
  check: () => undefined,
};

/** A rendered template as a message: sections of at most 3000 characters, 50 blocks. */
export function templatedMessage(rendered: string): ChatMessage {
  const chunks = splitText(rendered, slackLimits.sectionText).filter((c) => c.trim() !== '');
  return {
    text: truncate(rendered, slackLimits.messageText),
    blocks: chunks.slice(0, slackLimits.blocksPerMessage).map(section),
  };
}

export async function planRunEnd(
  deps: RunEndPlanDeps,
  event: Extract<RunEvent, { type: 'run-finished' }>,
): Promise<RunEndPlan> {
  const { run } = event;
  const fallback = runEndMessage(event);
  const workflow = deps.registry.workflow(run.namespace, run.workflow);
  if (workflow === undefined) return { messages: new Map(), conditional: [], fallback };
  const record = await deps.runs?.get(run.namespace, run.name).catch((err: unknown) => {
    deps.logger.warn({ err, runId: run.name }, 'run record not read for the Slack end message');
    return undefined;
  });
  const plan = planDeliveries(
    {
      run,
      event: event.event,
      phase: event.phase,
      message: event.message,
      ...(record === undefined ? {} : { record }),
    },
    workflow,
    (name) => deps.registry.sink(run.namespace, name),
    deps.evaluator ?? noEvaluator,
    (sink) => sink.spec.type === 'slack',
  );
  for (const s of plan.skipped)
    deps.logger.info({ runId: run.name, sink: s.sink, reason: s.reason }, 'slack sink skipped');
  const messages = new Map<string, ChatMessage>();
  for (const d of plan.deliveries) {
    messages.set(
      d.sink.name,
      d.spec.template === undefined ? fallback : templatedMessage(d.message),
    );
  }
  const conditional = slackSinksOf(deps.registry, run.namespace, run.workflow).filter(
    (s) => s.conditional && messages.has(s.name),
  );
  return { messages, conditional, fallback };
}
