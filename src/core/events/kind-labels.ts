/**
 * The label an event carries for an object of a kind (pod, deployment, …),
 * as kube-state-metrics names them, so that dedup, workload resolution and
 * investigation read api, kubernetes and Alertmanager events alike.
 */
export const kindLabels: Readonly<Record<string, string>> = {
  Pod: 'pod',
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  Job: 'job_name',
  Node: 'node',
};
