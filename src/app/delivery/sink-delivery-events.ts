import type { Logger } from 'pino';
import type { DeliveryQueue } from '../../adapters/redis/delivery-queue.ts';
import type { Registry } from '../../core/config-registry.ts';
import type { Sink } from '../../core/resources/sink.ts';
import type { RunEventSink } from '../../core/run-events.ts';
import type { RunStore } from '../../core/run-store.ts';
import { planDeliveries } from '../../core/sinks/sink-plan.ts';
import type { ExpressionEvaluator } from '../../core/workflow/expression-evaluator.ts';

/**
 * On `run-finished`, the Workflow's Sinks (except Slack, whose thread has
 * its own sink) are planned — conditions evaluated, templates rendered —
 * and each becomes one delivery job. Skipped Sinks are logged with why.
 */
export interface SinkDeliveryEventsDeps {
  readonly registry: Pick<Registry, 'workflow' | 'sink'>;
  readonly runs: Pick<RunStore, 'get'>;
  readonly evaluator: ExpressionEvaluator;
  readonly queue: DeliveryQueue;
  readonly logger: Logger;
}

const handledElsewhere = (sink: Sink) => sink.spec.type !== 'slack';

export function createSinkDeliveryEvents(deps: SinkDeliveryEventsDeps): RunEventSink {
  return {
    async publish(event) {
      if (event.type !== 'run-finished') return;
      const { run } = event;
      const workflow = deps.registry.workflow(run.namespace, run.workflow);
      if (workflow === undefined || (workflow.spec.sinks ?? []).length === 0) return;
      const record = await deps.runs.get(run.namespace, run.name);
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
        deps.evaluator,
        handledElsewhere,
      );
      for (const s of plan.skipped)
        deps.logger.info({ runId: run.name, sink: s.sink, reason: s.reason }, 'sink skipped');
      await Promise.all(plan.deliveries.map((d) => deps.queue.enqueue(d)));
    },
  };
}
