import { Counter, type Registry } from 'prom-client';
import { classify, namespaceOfEvent, type PriorityRow } from '../../core/events/classification.ts';
import type { SourceEvent } from '../../core/events/source-event.ts';
import type { UnresolvedReason, WorkloadRef } from '../../core/events/workload.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import { createNamespaceEnvironments } from './namespace-environments.ts';
import { createWorkloadResolver } from './workload-resolver.ts';

/**
 * What ingest learns from the cluster about an event before it is
 * de-duplicated: the workload behind each alert (`dedup.key: workload`)
 * and the event's classification (environment from a namespace label,
 * priority from severity × environment). Without a cluster (a bench
 * harness) events keep their group and get a priority from severity alone.
 */
export interface Classification {
  readonly environmentLabel: string;
  readonly priorities?: readonly PriorityRow[] | undefined;
}

export interface EventEnricher {
  /** Each label set's workload, or undefined (counted by reason) when it cannot be told. */
  workloads(
    source: string,
    labelSets: readonly Readonly<Record<string, string>>[],
  ): Promise<(WorkloadRef | undefined)[]>;
  classify(events: readonly SourceEvent[], classification: Classification): Promise<SourceEvent[]>;
}

export interface EnricherDeps {
  readonly cluster?: Pick<ClusterPort, 'get' | 'ownerChain'>;
  readonly clock: Clock;
  readonly metrics: Registry;
}

export function createEventEnricher(deps: EnricherDeps): EventEnricher {
  const name = 'punchingfist_ingest_workload_unresolved_total';
  // Ingest and the kubernetes Source watch may share one Registry: one counter.
  const existing = deps.metrics.getSingleMetric(name) as Counter<'source' | 'reason'> | undefined;
  const unresolved =
    existing ??
    new Counter({
      name,
      help: 'Events of dedup.key workload whose workload could not be told (they fall back to the group), by reason.',
      labelNames: ['source', 'reason'],
      registers: [deps.metrics],
    });
  const count = (source: string, reason: UnresolvedReason): undefined => {
    unresolved.inc({ source, reason });
    return undefined;
  };
  const resolver =
    deps.cluster === undefined ? undefined : createWorkloadResolver(deps.cluster, deps.clock);
  const environments =
    deps.cluster === undefined ? undefined : createNamespaceEnvironments(deps.cluster, deps.clock);

  return {
    workloads(source, labelSets) {
      return Promise.all(
        labelSets.map(async (labels) => {
          if (resolver === undefined) return count(source, 'lookup-failed');
          const r = await resolver.resolve(labels);
          if (r.ok) return r.workload;
          return count(source, r.reason);
        }),
      );
    },
    classify(events, classification) {
      return Promise.all(
        events.map(async (event) => {
          const namespace = namespaceOfEvent(event);
          const environment =
            namespace === undefined
              ? undefined
              : await environments?.environmentOf(namespace, classification.environmentLabel);
          return classify(event, environment, classification.priorities);
        }),
      );
    },
  };
}

/**
 * The intake context's `classify` for a Source's classification settings;
 * nothing when there is no enricher (events then keep what they carry).
 */
export function classifierOf(
  enricher: EventEnricher | undefined,
  classification: Classification,
): { classify?: (event: SourceEvent) => Promise<SourceEvent> } {
  if (enricher === undefined) return {};
  return {
    classify: async (event) => {
      const [classified] = await enricher.classify([event], classification);
      return classified ?? event;
    },
  };
}
