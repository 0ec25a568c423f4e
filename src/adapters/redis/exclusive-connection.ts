import type { Redis } from 'ioredis';

/**
 * A second connection for WATCH/MULTI, used by one piece of work at a time
 * in this process. WATCH belongs to a connection, so optimistic updates
 * cannot share the main one; running them one after another here leaves
 * WATCH to guard against other processes only. The connection is opened on
 * first use.
 */
export interface ExclusiveConnection {
  run<T>(work: (conn: Redis) => Promise<T>): Promise<T>;
  disconnect(): void;
}

export function exclusiveConnection(redis: Redis): ExclusiveConnection {
  let tx: Redis | undefined;
  let serial: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      tx ??= redis.duplicate();
      const conn = tx;
      const next = serial.then(() => work(conn));
      serial = next.catch(() => undefined);
      return next;
    },
    disconnect() {
      tx?.disconnect();
    },
  };
}
