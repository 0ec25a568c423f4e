import * as k8s from '@kubernetes/client-node';
import { AppError } from '../../core/errors.ts';
import type { Clock } from '../../core/ports.ts';
import {
  apiGroup,
  apiVersion,
  parseResource,
  type WorkflowRun,
} from '../../core/resources/index.ts';
import { newestFirst, type RunStore, runName } from '../../core/run-store.ts';
import type { StatusWriter } from './status-writer.ts';

/**
 * WorkflowRuns as custom resources: owner-referenced to their Workflow (so
 * deleting a Workflow garbage-collects its runs), labelled by workflow and
 * phase for `kubectl get workflowruns -l`, status written through the
 * status subresource with conflict retry.
 */
const version = 'v1alpha1';
const plural = 'workflowruns';
export const workflowLabel = 'punchingfist.io/workflow';

function asRun(obj: unknown): WorkflowRun | undefined {
  const parsed = parseResource(obj);
  return parsed.ok && parsed.resource.kind === 'WorkflowRun' ? parsed.resource : undefined;
}

export function createKubeRunStore(
  custom: k8s.CustomObjectsApi,
  status: StatusWriter,
  clock: Clock,
): RunStore {
  const ref = (namespace: string, name: string) => ({
    group: apiGroup,
    version,
    plural,
    namespace,
    name,
  });
  return {
    async create({ workflow, trigger, inputs, name }) {
      const namespace = workflow.metadata.namespace ?? 'default';
      const uid = workflow.metadata.uid;
      const body = {
        apiVersion,
        kind: 'WorkflowRun',
        metadata: {
          name: name ?? runName(workflow.metadata.name, clock.now()),
          namespace,
          labels: { [workflowLabel]: workflow.metadata.name },
          ...(uid === undefined
            ? {}
            : {
                ownerReferences: [
                  { apiVersion, kind: 'Workflow', name: workflow.metadata.name, uid },
                ],
              }),
        },
        spec: {
          workflowRef: { name: workflow.metadata.name },
          trigger,
          ...(inputs === undefined ? {} : { inputs }),
        },
      };
      const created = await custom
        .createNamespacedCustomObject({ group: apiGroup, version, namespace, plural, body })
        .catch((err: unknown) => {
          if (err instanceof k8s.ApiException && err.code === 409) {
            throw new AppError(
              'conflict',
              `WorkflowRun ${namespace}/${body.metadata.name} already exists`,
              { cause: err },
            );
          }
          throw err;
        });
      const run = asRun(created);
      if (run === undefined)
        throw new Error('API server returned a WorkflowRun that does not parse');
      return run;
    },
    async get(namespace, name) {
      try {
        return asRun(await custom.getNamespacedCustomObject(ref(namespace, name)));
      } catch (err) {
        if (err instanceof k8s.ApiException && err.code === 404) return undefined;
        throw err;
      }
    },
    async list({ namespace, workflow, phase, limit }) {
      const selector = [workflow && `${workflowLabel}=${workflow}`].filter(Boolean).join(',');
      const params = {
        group: apiGroup,
        version,
        plural,
        ...(selector ? { labelSelector: selector } : {}),
      };
      const res = (
        namespace === undefined
          ? await custom.listClusterCustomObject(params)
          : await custom.listNamespacedCustomObject({ ...params, namespace })
      ) as { items: unknown[] };
      const runs = res.items
        .map(asRun)
        .filter((r): r is WorkflowRun => r !== undefined)
        .filter((r) => phase === undefined || (r.status?.phase ?? 'Pending') === phase)
        .sort(newestFirst);
      return limit === undefined ? runs : runs.slice(0, limit);
    },
    async updateStatus(namespace, name, mutate) {
      const next = await status.update<WorkflowRun['status']>(ref(namespace, name), (current) =>
        mutate(current),
      );
      return next ?? {};
    },
    async delete(namespace, name) {
      try {
        await custom.deleteNamespacedCustomObject(ref(namespace, name));
      } catch (err) {
        if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
      }
    },
  };
}
