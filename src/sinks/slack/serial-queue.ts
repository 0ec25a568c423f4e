/**
 * Runs tasks one after another per key (a run's events, in the order they
 * were published), keys independently. A failed task does not stop the
 * next; its error goes to `onError`.
 */
export interface SerialQueue {
  push(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once every queued task has settled. */
  idle(): Promise<void>;
}

export function createSerialQueue(onError: (err: unknown, key: string) => void): SerialQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    push(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task).catch((err: unknown) => onError(err, key));
      tails.set(key, next);
      void next.then(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      return next;
    },
    async idle() {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
