import type { SourceEvent } from '../events/source-event.ts';
import type { KindName } from '../kube/kinds.ts';
import type { Source } from '../resources/source.ts';

/**
 * The SourceEvent of a run a person started in chat: a mention (trigger
 * `slack`) or `/punchingfist run` (trigger `manual`). Inputs, requester and
 * the thread to answer in travel with it; the target is also given as the
 * alert-style labels an `analyze` step without a target reads.
 */
export interface ChatRunRequest {
  readonly channel: string;
  readonly user: string;
  /** The mention's own ts (a mention's run is named after it: Slack's retries start no second run). */
  readonly messageTs?: string;
  /** The thread to answer in; a mention outside a thread starts one on itself. */
  readonly threadTs?: string;
}

const labelOfKind: Partial<Record<KindName, string>> = {
  Pod: 'pod',
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  Job: 'job_name',
  CronJob: 'cronjob',
  Service: 'service',
  HorizontalPodAutoscaler: 'horizontalpodautoscaler',
  PersistentVolumeClaim: 'persistentvolumeclaim',
  PodDisruptionBudget: 'poddisruptionbudget',
  Node: 'node',
};

/** `{deployment: checkout, namespace: shop}` for Deployment shop/checkout. */
export function targetLabels(kind: KindName, name: string, namespace: string) {
  const labels: Record<string, string> = {};
  if (kind === 'Namespace') labels.namespace = name;
  else if (namespace !== '') labels.namespace = namespace;
  const key = labelOfKind[kind];
  if (key !== undefined) labels[key] = name;
  return labels;
}

/** A mention's run: named after the channel and the mention's ts, so a redelivery is the same run. */
export function mentionRunName(workflow: string, channel: string, messageTs: string): string {
  const ts = BigInt(messageTs.replace('.', '').replace(/\D/g, '') || '0').toString(36);
  const suffix = `${channel.toLowerCase()}-${ts}`;
  return `${workflow.slice(0, 253 - suffix.length - 1)}-${suffix}`;
}

export interface ChatEventParts {
  readonly source: Source;
  readonly workflow: string;
  readonly trigger: 'slack' | 'manual';
  readonly request: ChatRunRequest;
  readonly title: string;
  readonly fingerprint: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly now: Date;
}

export function chatRunEvent(parts: ChatEventParts): SourceEvent {
  const { request } = parts;
  const threadTs = request.threadTs ?? request.messageTs;
  return {
    source: {
      namespace: parts.source.metadata.namespace ?? 'default',
      name: parts.source.metadata.name,
      type: parts.trigger,
    },
    workflow: parts.workflow,
    receivedAt: parts.now.toISOString(),
    status: 'firing',
    fingerprint: parts.fingerprint,
    title: parts.title.slice(0, 1024),
    labels: parts.labels ?? {},
    annotations: {},
    alerts: [],
    inputs: parts.inputs,
    requestedBy: request.user,
    reply:
      threadTs === undefined
        ? { channel: request.channel }
        : { channel: request.channel, threadTs },
  };
}
