import type { Logger } from 'pino';
import type { Registry } from '../../core/config-registry.ts';
import type { Clock } from '../../core/ports.ts';
import type { RunScheduler } from '../../core/queue.ts';
import type { Source } from '../../core/resources/index.ts';

/**
 * Keeps one job scheduler per schedule Source: registered when the Source
 * appears (or changes), removed when it goes or is suspended. Upserts are
 * idempotent, so every replica may run this; BullMQ makes one job per tick.
 */
export function schedulerId(namespace: string, name: string): string {
  return `schedule:${namespace}/${name}`;
}

type ScheduleSource = Source & { readonly spec: Extract<Source['spec'], { type: 'schedule' }> };

function isSchedule(source: Source | undefined): source is ScheduleSource {
  return source?.spec.type === 'schedule' && !source.spec.suspend;
}

export interface ScheduleRegistrarDeps {
  readonly registry: Registry;
  readonly scheduler: RunScheduler;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function startScheduleRegistrar(deps: ScheduleRegistrarDeps): {
  sync(): Promise<void>;
  stop(): void;
} {
  const register = async (source: ScheduleSource) => {
    const ns = source.metadata.namespace ?? 'default';
    const id = schedulerId(ns, source.metadata.name);
    await deps.scheduler.upsert(id, source.spec.schedule, {
      source: { namespace: ns, name: source.metadata.name, type: 'schedule' },
      workflow: source.spec.workflowRef.name,
      receivedAt: deps.clock.now().toISOString(),
      status: 'firing',
      fingerprint: id,
      title: `Scheduled run of ${source.spec.workflowRef.name} (${source.spec.schedule.cron} ${source.spec.schedule.timezone})`,
      labels: {},
      annotations: {},
      alerts: [],
    });
    deps.logger.info({ scheduler: id, cron: source.spec.schedule.cron }, 'schedule registered');
  };

  async function sync(): Promise<void> {
    const wanted = deps.registry.sources().filter(isSchedule);
    const keep = new Set(
      wanted.map((s) => schedulerId(s.metadata.namespace ?? 'default', s.metadata.name)),
    );
    for (const id of await deps.scheduler.ids())
      if (id.startsWith('schedule:') && !keep.has(id)) await deps.scheduler.remove(id);
    for (const s of wanted) await register(s);
  }

  const unsubscribe = deps.registry.onChange((change) => {
    if (change.kind !== 'Source') return;
    const id = schedulerId(change.namespace, change.name);
    const source = change.resource as Source | undefined;
    const work = isSchedule(source) ? register(source) : deps.scheduler.remove(id);
    work.catch((err: unknown) =>
      deps.logger.warn({ err, scheduler: id }, 'could not update the schedule'),
    );
  });
  return { sync, stop: unsubscribe };
}
