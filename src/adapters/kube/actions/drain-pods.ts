import { z } from 'zod';
import type { PlainObject } from './remediation-api.ts';

/**
 * Which pods on a node a drain evicts, the way `kubectl drain
 * --ignore-daemonsets` chooses: DaemonSet pods and mirror (static) pods
 * stay; a pod no controller manages would be lost, so it blocks the drain
 * instead of being evicted; pods already terminating only need waiting for.
 */
const podSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string(),
    deletionTimestamp: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    ownerReferences: z
      .array(z.looseObject({ kind: z.string(), controller: z.boolean().optional() }))
      .optional(),
  }),
});

export type PodClass = 'evict' | 'terminating' | 'daemonset' | 'mirror' | 'unmanaged';

export interface NodePod {
  readonly namespace: string;
  readonly name: string;
  readonly class: PodClass;
}

const mirrorAnnotation = 'kubernetes.io/config.mirror';

function classify(pod: z.infer<typeof podSchema>): PodClass {
  const m = pod.metadata;
  if (m.annotations?.[mirrorAnnotation] !== undefined) return 'mirror';
  const controller = m.ownerReferences?.find((o) => o.controller === true);
  if (controller?.kind === 'DaemonSet') return 'daemonset';
  if (m.deletionTimestamp !== undefined) return 'terminating';
  return controller === undefined ? 'unmanaged' : 'evict';
}

export function classifyPods(pods: readonly PlainObject[]): NodePod[] {
  return pods.flatMap((p) => {
    const parsed = podSchema.safeParse(p);
    if (!parsed.success) return [];
    const { name, namespace } = parsed.data.metadata;
    return [{ namespace, name, class: classify(parsed.data) }];
  });
}

export function podNames(pods: readonly NodePod[]): string {
  return pods.map((p) => `${p.namespace}/${p.name}`).join(', ');
}
