import type { Logger } from 'pino';
import type { StatusWriter } from '../adapters/kube/status-writer.ts';
import { apiGroup } from '../core/resources/index.ts';

/**
 * Counters in a resource's status (Source: eventsReceived, runsStarted…;
 * Sink: messagesSent…) without a status write per event: increments are
 * summed in memory and flushed every interval as one conflict-retried
 * write per object, adding to what the API server has (so replicas add up).
 */
export type CounterPlural = 'sources' | 'sinks';

export interface CounterUpdate {
  /** Counter fields to add to, e.g. { eventsReceived: 1 }. */
  readonly add?: Readonly<Record<string, number>>;
  /** Fields to set to the latest value, e.g. { lastEventTime: '…' }. */
  readonly set?: Readonly<Record<string, string>>;
}

export interface StatusCounters {
  record(plural: CounterPlural, namespace: string, name: string, update: CounterUpdate): void;
  flush(): Promise<void>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

interface Pending {
  add: Record<string, number>;
  set: Record<string, string>;
}

export function createStatusCounters(status: StatusWriter, logger: Logger): StatusCounters {
  let pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;

  async function write(key: string, p: Pending): Promise<void> {
    const [plural, namespace, name] = key.split('/') as [CounterPlural, string, string];
    await status.update<Record<string, unknown>>(
      { group: apiGroup, version: 'v1alpha1', plural, namespace, name },
      (current) => {
        const next: Record<string, unknown> = { ...current, ...p.set };
        for (const [field, delta] of Object.entries(p.add))
          next[field] = (Number(current?.[field]) || 0) + delta;
        return next;
      },
    );
  }

  async function flush(): Promise<void> {
    const batch = pending;
    pending = new Map();
    await Promise.all(
      [...batch].map(([key, p]) =>
        write(key, p).catch((err: unknown) =>
          logger.warn({ err, object: key }, 'could not write status counters'),
        ),
      ),
    );
  }

  return {
    record(plural, namespace, name, update) {
      const key = `${plural}/${namespace}/${name}`;
      const p = pending.get(key) ?? { add: {}, set: {} };
      for (const [field, delta] of Object.entries(update.add ?? {}))
        p.add[field] = (p.add[field] ?? 0) + delta;
      Object.assign(p.set, update.set);
      pending.set(key, p);
    },
    flush,
    start(intervalMs = 5_000) {
      timer ??= setInterval(() => void flush(), intervalMs);
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
