import type { z } from 'zod';
import {
  endpointSliceSchema,
  eventSchema,
  hpaSchema,
  keysOnlySchema,
  namespaceSchema,
  nodeSchema,
  pdbSchema,
  pvcSchema,
  serviceSchema,
  storageClassSchema,
} from './cluster-objects.ts';
import { podSchema } from './pod.ts';
import {
  cronJobSchema,
  daemonSetSchema,
  deploymentSchema,
  jobSchema,
  replicaSetSchema,
  statefulSetSchema,
} from './workloads.ts';

/** Every kind the core reads, with the schema its objects are parsed by. */
export const kindSchemas = {
  Pod: podSchema,
  Event: eventSchema,
  ReplicaSet: replicaSetSchema,
  Deployment: deploymentSchema,
  StatefulSet: statefulSetSchema,
  DaemonSet: daemonSetSchema,
  Job: jobSchema,
  CronJob: cronJobSchema,
  Node: nodeSchema,
  Service: serviceSchema,
  EndpointSlice: endpointSliceSchema,
  HorizontalPodAutoscaler: hpaSchema,
  PersistentVolumeClaim: pvcSchema,
  StorageClass: storageClassSchema,
  PodDisruptionBudget: pdbSchema,
  Namespace: namespaceSchema,
  ConfigMap: keysOnlySchema,
  Secret: keysOnlySchema,
} as const;

export type KindName = keyof typeof kindSchemas;
export type KindObject<K extends KindName> = z.infer<(typeof kindSchemas)[K]>;

export const kindNames = Object.keys(kindSchemas) as KindName[];

const clusterScoped: ReadonlySet<KindName> = new Set(['Node', 'StorageClass', 'Namespace']);

export function isClusterScoped(kind: KindName): boolean {
  return clusterScoped.has(kind);
}

export function isKindName(value: string): value is KindName {
  return Object.hasOwn(kindSchemas, value);
}

/** kubectl's names for a kind: singular, plural, short name, `kind.group`. */
const aliases: Readonly<Record<string, KindName>> = {
  po: 'Pod',
  rs: 'ReplicaSet',
  deploy: 'Deployment',
  sts: 'StatefulSet',
  ds: 'DaemonSet',
  cj: 'CronJob',
  no: 'Node',
  svc: 'Service',
  ev: 'Event',
  hpa: 'HorizontalPodAutoscaler',
  pvc: 'PersistentVolumeClaim',
  sc: 'StorageClass',
  pdb: 'PodDisruptionBudget',
  ns: 'Namespace',
  cm: 'ConfigMap',
};

/** `deploy`, `deployments`, `deployment.apps`, `Deployment` → `Deployment`. */
export function kindFromAlias(input: string): KindName | undefined {
  const bare = input.split('.')[0]?.toLowerCase() ?? '';
  const direct = aliases[bare];
  if (direct !== undefined) return direct;
  return kindNames.find((kind) => {
    const lower = kind.toLowerCase();
    return [lower, `${lower}s`, `${lower}es`].includes(bare);
  });
}
