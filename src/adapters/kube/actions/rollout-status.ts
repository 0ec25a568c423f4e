import { z } from 'zod';
import type { PlainObject } from './remediation-api.ts';

/**
 * One look at whether a workload's rollout is complete, the way `kubectl
 * rollout status` judges it: the controller has seen the latest spec
 * (observedGeneration), every replica runs the new template, and all of
 * them are available (Ready for minReadySeconds).
 */
export type Probe =
  | { readonly state: 'done'; readonly message: string }
  | { readonly state: 'waiting'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

const count = z.number().int().optional();
const workloadSchema = z.looseObject({
  metadata: z.looseObject({ generation: count }),
  spec: z.looseObject({ replicas: count }).optional(),
  status: z
    .looseObject({
      observedGeneration: count,
      replicas: count,
      updatedReplicas: count,
      readyReplicas: count,
      availableReplicas: count,
      currentRevision: z.string().optional(),
      updateRevision: z.string().optional(),
      desiredNumberScheduled: count,
      updatedNumberScheduled: count,
      numberAvailable: count,
      conditions: z
        .array(z.looseObject({ type: z.string(), reason: z.string().optional() }))
        .optional(),
    })
    .optional(),
});
type Workload = z.infer<typeof workloadSchema>;
type Status = NonNullable<Workload['status']>;

const waiting = (message: string): Probe => ({ state: 'waiting', message });

function generationSeen(w: Workload): boolean {
  return (w.status?.observedGeneration ?? 0) >= (w.metadata.generation ?? 0);
}

function deploymentProbe(w: Workload, s: Status): Probe {
  const want = w.spec?.replicas ?? 1;
  const deadline = s.conditions?.find((c) => c.type === 'Progressing');
  if (deadline?.reason === 'ProgressDeadlineExceeded') {
    return { state: 'failed', message: 'the rollout exceeded its progress deadline' };
  }
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return waiting(`${updated} of ${want} replicas updated`);
  if ((s.replicas ?? 0) > updated) {
    return waiting(`${(s.replicas ?? 0) - updated} old replicas pending termination`);
  }
  const available = s.availableReplicas ?? 0;
  if (available < updated) return waiting(`${available} of ${updated} updated replicas available`);
  return { state: 'done', message: `rollout complete: ${available} of ${want} replicas ready` };
}

function statefulSetProbe(w: Workload, s: Status): Probe {
  const want = w.spec?.replicas ?? 1;
  const ready = s.readyReplicas ?? 0;
  if (ready < want) return waiting(`${ready} of ${want} replicas ready`);
  if ((s.updatedReplicas ?? 0) < want) {
    return waiting(`${s.updatedReplicas ?? 0} of ${want} replicas updated`);
  }
  if (s.updateRevision !== undefined && s.currentRevision !== s.updateRevision) {
    return waiting(`revision ${s.updateRevision} not yet current`);
  }
  return { state: 'done', message: `rollout complete: ${ready} of ${want} replicas ready` };
}

function daemonSetProbe(s: Status): Probe {
  const want = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  if (updated < want) return waiting(`${updated} of ${want} pods updated`);
  const available = s.numberAvailable ?? 0;
  if (available < want) return waiting(`${available} of ${want} pods available`);
  return { state: 'done', message: `rollout complete: ${available} of ${want} pods available` };
}

function replicaSetProbe(w: Workload, s: Status): Probe {
  const want = w.spec?.replicas ?? 1;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (ready < want || available < want) return waiting(`${ready} of ${want} replicas ready`);
  return { state: 'done', message: `${ready} of ${want} replicas ready` };
}

export function rolloutProbe(kind: string, object: PlainObject): Probe {
  const parsed = workloadSchema.safeParse(object);
  if (!parsed.success) return { state: 'failed', message: `unreadable ${kind} status` };
  const w = parsed.data;
  if (!generationSeen(w)) return waiting('the controller has not seen the latest spec yet');
  const s = w.status ?? {};
  if (kind === 'Deployment') return deploymentProbe(w, s);
  if (kind === 'StatefulSet') return statefulSetProbe(w, s);
  if (kind === 'DaemonSet') return daemonSetProbe(s);
  return replicaSetProbe(w, s);
}
