import type { Proposal } from '../investigation/actions.ts';
import type { Category, Evidence, Finding, Severity } from '../investigation/report.ts';
import type { KubeEvent } from '../kube/cluster-objects.ts';
import { describeEvent, eventTime } from '../kube/events.ts';
import type { Condition } from '../kube/meta.ts';
import type { LogExcerpt, Snapshot } from './snapshot.ts';

/** An analyzer: a pure function from a snapshot to findings. */
export type Analyzer = (snapshot: Snapshot) => Finding[];

export function fieldEvidence(object: string, path: string, text: string, at?: string): Evidence {
  return { source: 'field', object, path, text, ...(at === undefined ? {} : { at }) };
}

export function eventEvidence(object: string, event: KubeEvent): Evidence {
  const at = eventTime(event);
  return {
    source: 'event',
    object,
    text: describeEvent(event),
    ...(at === undefined ? {} : { at }),
  };
}

export function logEvidence(object: string, excerpt: LogExcerpt, line: string): Evidence {
  const path = `${excerpt.container}${excerpt.previous ? ' (previous)' : ''}`;
  return { source: 'log', object, path, text: line };
}

export function metricEvidence(object: string, path: string, text: string): Evidence {
  return { source: 'metric', object, path, text };
}

export interface FindingInput {
  readonly category: Category;
  readonly severity: Severity;
  readonly object: string;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly confidence: number;
  readonly affected?: readonly string[];
  readonly action?: Proposal | null;
}

/** A finding with its stable id (`category:object`). */
export function makeFinding(input: FindingInput): Finding {
  return {
    id: `${input.category}:${input.object}`,
    category: input.category,
    severity: input.severity,
    object: input.object,
    summary: input.summary,
    evidence: [...input.evidence],
    affected: [...(input.affected ?? [])],
    confidence: Math.round(input.confidence * 100) / 100,
    action: input.action ?? null,
  };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A condition as evidence, when it has the given status (e.g. ScalingLimited=True). */
export function conditionEvidence(
  object: string,
  c: Condition | undefined,
  status: string,
): Evidence[] {
  if (c?.status !== status) return [];
  const text = `${c.reason ?? ''}: ${c.message ?? ''}`;
  return [fieldEvidence(object, `status.conditions[${c.type}]`, text, c.lastTransitionTime)];
}
