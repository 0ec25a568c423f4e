import * as k8s from '@kubernetes/client-node';

/**
 * Writes a custom resource's status through the status subresource, with
 * optimistic concurrency: read, change, replace with the read
 * resourceVersion, and on 409 Conflict read again and re-apply the change.
 */
export interface CustomResourceRef {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace: string;
  readonly name: string;
}

export type StatusMutation<S> = (current: S | undefined, object: k8s.KubernetesObject) => S;

export interface StatusWriter {
  update<S>(ref: CustomResourceRef, mutate: StatusMutation<S>): Promise<S>;
}

interface WithStatus<S> extends k8s.KubernetesObject {
  status?: S;
}

export function createStatusWriter(custom: k8s.CustomObjectsApi, maxAttempts = 8): StatusWriter {
  return {
    async update<S>(ref: CustomResourceRef, mutate: StatusMutation<S>): Promise<S> {
      for (let attempt = 1; ; attempt++) {
        const object = (await custom.getNamespacedCustomObject(ref)) as WithStatus<S>;
        const status = mutate(object.status, object);
        try {
          await custom.replaceNamespacedCustomObjectStatus({ ...ref, body: { ...object, status } });
          return status;
        } catch (err) {
          const conflict = err instanceof k8s.ApiException && err.code === 409;
          if (!conflict || attempt >= maxAttempts) throw err;
        }
      }
    },
  };
}
