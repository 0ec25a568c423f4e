import type {
  EndpointSlice,
  Hpa,
  KeysOnly,
  KubeEvent,
  Node,
  Pdb,
  Pvc,
  Service,
  StorageClass,
} from '../kube/cluster-objects.ts';
import type { Pod } from '../kube/pod.ts';
import type {
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  ReplicaSet,
  StatefulSet,
} from '../kube/workloads.ts';

/** An excerpt of one container's log, as gathered (tail, capped). */
export interface LogExcerpt {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly previous: boolean;
  readonly lines: readonly string[];
}

/** Memory in use by a container, when a metrics source knows it. */
export interface ContainerUsage {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly memoryBytes?: number;
  readonly cpuCores?: number;
}

/**
 * What the analyzers look at: plain Kubernetes objects read at one moment.
 * Analyzers are pure functions of a Snapshot.
 */
export interface Snapshot {
  /** ISO time the snapshot was taken, for ages ("Pending for 12m"). */
  readonly now: string;
  readonly pods: readonly Pod[];
  readonly events: readonly KubeEvent[];
  readonly replicaSets: readonly ReplicaSet[];
  readonly deployments: readonly Deployment[];
  readonly statefulSets: readonly StatefulSet[];
  readonly daemonSets: readonly DaemonSet[];
  readonly jobs: readonly Job[];
  readonly cronJobs: readonly CronJob[];
  readonly nodes: readonly Node[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly hpas: readonly Hpa[];
  readonly pvcs: readonly Pvc[];
  readonly storageClasses: readonly StorageClass[];
  readonly pdbs: readonly Pdb[];
  /** ConfigMaps and Secrets: names and key names only. */
  readonly configMaps: readonly KeysOnly[];
  readonly secrets: readonly KeysOnly[];
  readonly logs: readonly LogExcerpt[];
  readonly usage: readonly ContainerUsage[];
  /**
   * What was looked up, so absence means "does not exist" rather than "not
   * read": refs like `ConfigMap/ns/name`, or `StorageClass/*` and
   * `Pod/ns/*` for complete lists.
   */
  readonly checked: readonly string[];
}

export function emptySnapshot(now: string): Snapshot {
  return {
    now,
    pods: [],
    events: [],
    replicaSets: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    cronJobs: [],
    nodes: [],
    services: [],
    endpointSlices: [],
    hpas: [],
    pvcs: [],
    storageClasses: [],
    pdbs: [],
    configMaps: [],
    secrets: [],
    logs: [],
    usage: [],
    checked: [],
  };
}

export function wasChecked(snapshot: Snapshot, ref: string): boolean {
  return snapshot.checked.includes(ref);
}
