import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import { parseRef } from '../../core/kube/refs.ts';
import type { Clock } from '../../core/ports.ts';
import type { EventRecorder } from '../../core/remediation/lifecycle-ports.ts';

/**
 * Kubernetes Events (core/v1) on remediation targets, so `kubectl describe`
 * of the Deployment or Node shows who approved what and how it went. Events
 * of a cluster-scoped target (a Node) go to the `default` namespace, as
 * kubectl's own do. Needs `create events (core)`.
 */
const apiVersions: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

export function createKubeEventRecorder(
  core: k8s.CoreV1Api,
  clock: Clock,
  component = 'punchingfist',
): EventRecorder {
  return {
    async record(target, event) {
      const ref = parseRef(target);
      if (ref === undefined) return;
      const namespace = ref.namespace ?? 'default';
      const now = clock.now();
      const name = `${ref.name}.${now.getTime().toString(16)}${randomBytes(3).toString('hex')}`;
      await core.createNamespacedEvent({
        namespace,
        body: {
          metadata: { name: name.slice(0, 253), namespace },
          involvedObject: {
            apiVersion: apiVersions[ref.kind] ?? 'v1',
            kind: ref.kind,
            name: ref.name,
            ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
          },
          type: event.type,
          reason: event.reason,
          message: event.message,
          source: { component },
          reportingComponent: component,
          reportingInstance: component,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      });
    },
  };
}
