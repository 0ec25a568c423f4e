import type { SourceEvent } from '../../core/events/source-event.ts';
import { priorities } from '../../core/resources/source-ingest.ts';
import { triggerTypes, type WorkflowRunSpec } from '../../core/resources/workflow-run.ts';

type Classification = Pick<WorkflowRunSpec['trigger'], 'environment' | 'priority'>;

/** The event's environment and priority, when set and within the schema's limits. */
function classificationOf(event: SourceEvent): Classification {
  const out: { environment?: string; priority?: (typeof priorities)[number] } = {};
  if (event.environment !== undefined) out.environment = event.environment.slice(0, 63);
  const p = priorities.find((x) => x === event.priority);
  if (p !== undefined) out.priority = p;
  return out;
}

/** The WorkflowRun's spec.trigger from the job's SourceEvent, within the schema's limits. */
export function triggerOf(event: SourceEvent): WorkflowRunSpec['trigger'] {
  const type = (triggerTypes as readonly string[]).includes(event.source.type)
    ? (event.source.type as WorkflowRunSpec['trigger']['type'])
    : 'api';
  const alertNames = [
    ...new Set(event.alerts.map((a) => a.labels.alertname).filter((n): n is string => !!n)),
  ].slice(0, 64);
  return {
    type,
    source: event.source.name,
    fingerprint: event.fingerprint.slice(0, 128),
    ...(alertNames.length === 0 ? {} : { alertNames: alertNames.map((n) => n.slice(0, 253)) }),
    summary: event.title.slice(0, 1024),
    ...(event.requestedBy === undefined ? {} : { requestedBy: event.requestedBy.slice(0, 253) }),
    ...classificationOf(event),
    receivedAt: event.receivedAt,
  };
}
