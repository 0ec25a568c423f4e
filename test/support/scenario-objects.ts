import * as k8s from '@kubernetes/client-node';
import { eventually, type Kube } from './kube.ts';

/** Objects of the investigate scenario suite that take more than a one-line manifest. */
const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/**
 * An autoscaling/v2 HPA on `deployment`, capped at `max`, with the status a
 * saturated HPA reports. No metrics server runs in the test cluster, so the
 * HPA controller cannot compute a recommendation itself: the status is
 * written through the status subresource. The controller later rewrites
 * ScalingActive (metrics unavailable) but keeps currentReplicas,
 * desiredReplicas and ScalingLimited, which is what the analyzer reads.
 */
export async function saturatedHpa(
  k: Kube,
  namespace: string,
  deployment: string,
  max: number,
): Promise<void> {
  const autoscaling = k.kc.makeApiClient(k8s.AutoscalingV2Api);
  const cpu = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
  };
  await autoscaling.createNamespacedHorizontalPodAutoscaler({
    namespace,
    body: {
      metadata: { name: deployment },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment },
        minReplicas: 1,
        maxReplicas: max,
        metrics: [cpu],
      },
    },
  });
  const limited = {
    type: 'ScalingLimited',
    status: 'True',
    reason: 'TooManyReplicas',
    message: 'the desired replica count is more than the maximum replica count',
    lastTransitionTime: new Date(),
  };
  const current = [
    { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 180 } } },
  ];
  await autoscaling.patchNamespacedHorizontalPodAutoscalerStatus(
    {
      name: deployment,
      namespace,
      body: {
        status: {
          currentReplicas: max,
          desiredReplicas: max,
          currentMetrics: current,
          conditions: [limited],
        },
      },
    },
    mergePatch,
  );
}

/** A Job whose single pod fails (exit 1), logging the given sim log file. */
export function failingJob(name: string, logFile: string): k8s.V1Job {
  return {
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: {
          labels: { 'sim.punchingfist.io/fault': 'failed', 'sim.punchingfist.io/logs': logFile },
        },
        spec: {
          containers: [{ name: 'app', image: `registry.example/${name}:1.0` }],
          restartPolicy: 'Never',
        },
      },
    },
  };
}

export function claim(name: string, storageClassName: string): k8s.V1PersistentVolumeClaim {
  return {
    metadata: { name },
    spec: {
      storageClassName,
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
  };
}

/** Sets (or, with null, removes) the simulated fault of a node. */
export async function setNodeFault(k: Kube, name: string, fault: string | null): Promise<void> {
  await k.core.patchNode(
    { name, body: { metadata: { labels: { 'sim.punchingfist.io/node-fault': fault } } } },
    mergePatch,
  );
}

export async function nodeReady(k: Kube, name: string): Promise<void> {
  await eventually(`${name} Ready again`, async () => {
    const node = await k.core.readNode({ name });
    return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
      ? true
      : undefined;
  });
}
