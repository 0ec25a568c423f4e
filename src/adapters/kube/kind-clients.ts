import * as k8s from '@kubernetes/client-node';
import type { KindName } from '../../core/kube/kinds.ts';

/**
 * One read and one list function per kind, over the client's typed APIs.
 * Objects come back as the client deserialized them; the adapter turns
 * them into plain data and parses them with the core's schemas.
 */
export interface Selectors {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
}

export interface RawList {
  readonly items: readonly object[];
  readonly metadata?: { readonly _continue?: string };
}

export type Options = k8s.ConfigurationOptions;

export interface KindClient {
  readonly namespaced: boolean;
  read(name: string, namespace: string, options: Options): Promise<object>;
  list(namespace: string | undefined, selectors: Selectors, options: Options): Promise<RawList>;
}

type Read = (req: { name: string; namespace: string }, o: Options) => Promise<object>;
type ListNamespaced = (req: Selectors & { namespace: string }, o: Options) => Promise<RawList>;
type ListAll = (req: Selectors, o: Options) => Promise<RawList>;

function namespaced(read: Read, listIn: ListNamespaced, listAll: ListAll): KindClient {
  return {
    namespaced: true,
    read: (name, namespace, o) => read({ name, namespace }, o),
    list: (namespace, s, o) =>
      namespace === undefined ? listAll(s, o) : listIn({ ...s, namespace }, o),
  };
}

function clusterScoped(
  read: (req: { name: string }, o: Options) => Promise<object>,
  list: ListAll,
): KindClient {
  return {
    namespaced: false,
    read: (name, _ns, o) => read({ name }, o),
    list: (_ns, s, o) => list(s, o),
  };
}

export function kindClients(kc: k8s.KubeConfig): Readonly<Record<KindName, KindClient>> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const batch = kc.makeApiClient(k8s.BatchV1Api);
  const discovery = kc.makeApiClient(k8s.DiscoveryV1Api);
  const autoscaling = kc.makeApiClient(k8s.AutoscalingV2Api);
  const storage = kc.makeApiClient(k8s.StorageV1Api);
  const policy = kc.makeApiClient(k8s.PolicyV1Api);
  return {
    Pod: namespaced(
      (r, o) => core.readNamespacedPod(r, o),
      (r, o) => core.listNamespacedPod(r, o),
      (r, o) => core.listPodForAllNamespaces(r, o),
    ),
    Event: namespaced(
      (r, o) => core.readNamespacedEvent(r, o),
      (r, o) => core.listNamespacedEvent(r, o),
      (r, o) => core.listEventForAllNamespaces(r, o),
    ),
    ReplicaSet: namespaced(
      (r, o) => apps.readNamespacedReplicaSet(r, o),
      (r, o) => apps.listNamespacedReplicaSet(r, o),
      (r, o) => apps.listReplicaSetForAllNamespaces(r, o),
    ),
    Deployment: namespaced(
      (r, o) => apps.readNamespacedDeployment(r, o),
      (r, o) => apps.listNamespacedDeployment(r, o),
      (r, o) => apps.listDeploymentForAllNamespaces(r, o),
    ),
    StatefulSet: namespaced(
      (r, o) => apps.readNamespacedStatefulSet(r, o),
      (r, o) => apps.listNamespacedStatefulSet(r, o),
      (r, o) => apps.listStatefulSetForAllNamespaces(r, o),
    ),
    DaemonSet: namespaced(
      (r, o) => apps.readNamespacedDaemonSet(r, o),
      (r, o) => apps.listNamespacedDaemonSet(r, o),
      (r, o) => apps.listDaemonSetForAllNamespaces(r, o),
    ),
    Job: namespaced(
      (r, o) => batch.readNamespacedJob(r, o),
      (r, o) => batch.listNamespacedJob(r, o),
      (r, o) => batch.listJobForAllNamespaces(r, o),
    ),
    CronJob: namespaced(
      (r, o) => batch.readNamespacedCronJob(r, o),
      (r, o) => batch.listNamespacedCronJob(r, o),
      (r, o) => batch.listCronJobForAllNamespaces(r, o),
    ),
    Service: namespaced(
      (r, o) => core.readNamespacedService(r, o),
      (r, o) => core.listNamespacedService(r, o),
      (r, o) => core.listServiceForAllNamespaces(r, o),
    ),
    EndpointSlice: namespaced(
      (r, o) => discovery.readNamespacedEndpointSlice(r, o),
      (r, o) => discovery.listNamespacedEndpointSlice(r, o),
      (r, o) => discovery.listEndpointSliceForAllNamespaces(r, o),
    ),
    HorizontalPodAutoscaler: namespaced(
      (r, o) => autoscaling.readNamespacedHorizontalPodAutoscaler(r, o),
      (r, o) => autoscaling.listNamespacedHorizontalPodAutoscaler(r, o),
      (r, o) => autoscaling.listHorizontalPodAutoscalerForAllNamespaces(r, o),
    ),
    PersistentVolumeClaim: namespaced(
      (r, o) => core.readNamespacedPersistentVolumeClaim(r, o),
      (r, o) => core.listNamespacedPersistentVolumeClaim(r, o),
      (r, o) => core.listPersistentVolumeClaimForAllNamespaces(r, o),
    ),
    PodDisruptionBudget: namespaced(
      (r, o) => policy.readNamespacedPodDisruptionBudget(r, o),
      (r, o) => policy.listNamespacedPodDisruptionBudget(r, o),
      (r, o) => policy.listPodDisruptionBudgetForAllNamespaces(r, o),
    ),
    ConfigMap: namespaced(
      (r, o) => core.readNamespacedConfigMap(r, o),
      (r, o) => core.listNamespacedConfigMap(r, o),
      (r, o) => core.listConfigMapForAllNamespaces(r, o),
    ),
    Secret: namespaced(
      (r, o) => core.readNamespacedSecret(r, o),
      (r, o) => core.listNamespacedSecret(r, o),
      (r, o) => core.listSecretForAllNamespaces(r, o),
    ),
    Node: clusterScoped(
      (r, o) => core.readNode(r, o),
      (r, o) => core.listNode(r, o),
    ),
    StorageClass: clusterScoped(
      (r, o) => storage.readStorageClass(r, o),
      (r, o) => storage.listStorageClass(r, o),
    ),
    Namespace: clusterScoped(
      (r, o) => core.readNamespace(r, o),
      (r, o) => core.listNamespace(r, o),
    ),
  };
}
