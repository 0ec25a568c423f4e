/**
 * Every trigger becomes a SourceEvent: normalized, validated, filtered and
 * fingerprinted, then enqueued as one job. The worker records it on the
 * WorkflowRun's trigger and templates read it as `event.*`.
 */
export interface AlertSummary {
  readonly fingerprint: string;
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly generatorURL?: string;
}

export interface SourceEvent {
  readonly source: { readonly namespace: string; readonly name: string; readonly type: string };
  readonly workflow: string;
  readonly receivedAt: string;
  readonly status: 'firing' | 'resolved';
  /** What makes two events the same incident (the dedup key). */
  readonly fingerprint: string;
  /** One line for people: "KubePodCrashLooping: shop/checkout-7d9f". */
  readonly title: string;
  readonly severity?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly alerts: readonly AlertSummary[];
  readonly groupKey?: string;
  readonly truncatedAlerts?: number;
  readonly externalURL?: string;
  /** Values for the Workflow's inputs (`/punchingfist run wf key=value`, a mention's target). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Who asked, for manual and chat-triggered runs (Slack user id, `cli:<user>`). */
  readonly requestedBy?: string;
  /** Where a chat-triggered run answers: the thread of the mention or command. */
  readonly reply?: { readonly channel: string; readonly threadTs?: string };
  /** Classification: the target namespace's environment (from its label), e.g. production. */
  readonly environment?: string;
  /** Classification: severity × environment, e.g. P1. */
  readonly priority?: string;
}
