import {
  type WorkloadResolution,
  workloadFromChain,
  workloadFromLabels,
} from '../../core/events/workload.ts';
import type { Clock, ClusterPort } from '../../core/ports.ts';
import { createTtlCache } from './ttl-cache.ts';

/**
 * The workload behind an event's labels (`namespace` + `pod`, or a
 * workload label), through the read-only ClusterPort: get the Pod, walk its
 * controller chain. Answers are cached briefly: a storm of alerts about one
 * pod asks the API server once.
 */
export interface WorkloadResolver {
  resolve(labels: Readonly<Record<string, string>>): Promise<WorkloadResolution>;
}

export function createWorkloadResolver(
  cluster: Pick<ClusterPort, 'get' | 'ownerChain'>,
  clock: Clock,
  ttlMs = 30_000,
): WorkloadResolver {
  const cache = createTtlCache<WorkloadResolution>(clock, ttlMs);
  const lookup = async (namespace: string, name: string): Promise<WorkloadResolution> => {
    const pod = await cluster.get('Pod', name, namespace);
    if (pod === undefined) return { ok: false, reason: 'pod-not-found' };
    const workload = workloadFromChain(namespace, await cluster.ownerChain(pod));
    return workload === undefined ? { ok: false, reason: 'no-controller' } : { ok: true, workload };
  };
  return {
    async resolve(labels) {
      const direct = workloadFromLabels(labels);
      if (direct !== undefined) return { ok: true, workload: direct };
      const { namespace, pod } = labels;
      if (namespace === undefined || pod === undefined) {
        return { ok: false, reason: 'no-target-labels' };
      }
      try {
        return await cache.get(`${namespace}/${pod}`, () => lookup(namespace, pod));
      } catch {
        return { ok: false, reason: 'lookup-failed' };
      }
    },
  };
}
