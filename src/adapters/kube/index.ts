export { createKubeCluster, type KubeClusterOptions } from './kube-cluster.ts';
export { type NamespacePolicy, namespaceAllowed } from './namespace-policy.ts';
