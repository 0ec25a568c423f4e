import * as k8s from '@kubernetes/client-node';
import type { Logger } from 'pino';

/**
 * A cache of one resource kind that survives what real API servers do:
 * 410 Gone (client-node's ListWatch relists by itself), dropped watch
 * connections and an API server restart (we restart the ListWatch with
 * back-off). Handlers see add/update/delete of plain objects.
 */
export interface InformerEvent<T extends k8s.KubernetesObject> {
  readonly type: 'add' | 'update' | 'delete';
  readonly object: T;
}

export interface ResourceInformerOptions<T extends k8s.KubernetesObject> {
  readonly kc: k8s.KubeConfig;
  /** e.g. `/apis/punchingfist.io/v1alpha1/sources` or `/api/v1/namespaces/x/configmaps`. */
  readonly path: string;
  readonly list: () => Promise<k8s.KubernetesListObject<T>>;
  readonly logger: Logger;
  readonly onEvent: (event: InformerEvent<T>) => void;
  readonly labelSelector?: string;
  readonly maxBackoffMs?: number;
}

export interface ResourceInformer<T extends k8s.KubernetesObject> {
  start(): Promise<void>;
  stop(): Promise<void>;
  list(): readonly T[];
  /** True once the first list has completed. */
  readonly synced: () => boolean;
}

export function createResourceInformer<T extends k8s.KubernetesObject>(
  o: ResourceInformerOptions<T>,
): ResourceInformer<T> {
  const informer = k8s.makeInformer<T>(o.kc, o.path, o.list, o.labelSelector);
  const maxBackoff = o.maxBackoffMs ?? 30_000;
  let backoff = 500;
  let stopped = false;
  let synced = false;
  let retry: NodeJS.Timeout | undefined;

  const emit = (type: InformerEvent<T>['type']) => (object: T) => o.onEvent({ type, object });
  informer.on('add', emit('add'));
  informer.on('update', emit('update'));
  informer.on('delete', emit('delete'));
  informer.on('connect', () => {
    backoff = 500;
  });

  const restartLater = (err: unknown) => {
    if (stopped) return;
    o.logger.warn({ err, path: o.path, retryInMs: backoff }, 'watch failed; restarting');
    retry = setTimeout(() => {
      start().catch(() => undefined);
    }, backoff);
    backoff = Math.min(backoff * 2, maxBackoff);
  };
  informer.on('error', restartLater);

  async function start(): Promise<void> {
    stopped = false;
    try {
      await informer.start();
      synced = true;
    } catch (err) {
      restartLater(err);
    }
  }

  return {
    start,
    async stop() {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      await informer.stop();
    },
    list: () => informer.list(),
    synced: () => synced,
  };
}
