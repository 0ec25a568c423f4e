// An append-only list a test can wait on: resolves as soon as a matching item exists.

export interface ObservedLog<T> {
  readonly items: readonly T[];
  push(item: T): void;
  waitFor(predicate: (item: T) => boolean, timeoutMs?: number): Promise<T>;
}

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

export function createObservedLog<T>(what: string): ObservedLog<T> {
  const items: T[] = [];
  const waiters = new Set<Waiter<T>>();
  return {
    items,
    push(item) {
      items.push(item);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(item)) {
          waiters.delete(waiter);
          waiter.resolve(item);
        }
      }
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const found = items.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter<T> = {
          predicate,
          resolve: (item) => {
            clearTimeout(timer);
            resolve(item);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
