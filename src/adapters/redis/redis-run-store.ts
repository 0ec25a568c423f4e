import type { Redis } from 'ioredis';
import { AppError } from '../../core/errors.ts';
import type { Clock } from '../../core/ports.ts';
import { apiVersion, parseResource, type WorkflowRun } from '../../core/resources/index.ts';
import { newestFirst, type RunStore, runName } from '../../core/run-store.ts';
import { exclusiveConnection } from './exclusive-connection.ts';

/**
 * WorkflowRuns kept in Redis, for local mode (no cluster-side CRs): the
 * same documents as on the API server, validated by the same schema, so the
 * CLI and slash commands show them the same way. Status updates are
 * optimistic (WATCH/MULTI), like the API server's resourceVersion.
 */
export function createRedisRunStore(redis: Redis, prefix: string, clock: Clock): RunStore {
  const index = `${prefix}runs`;
  // Status updates use their own connection, one at a time (WATCH/MULTI).
  const tx = exclusiveConnection(redis);
  const key = (ns: string, name: string) => `${prefix}run:${ns}/${name}`;
  const parse = (text: string | null): WorkflowRun | undefined => {
    if (text === null) return undefined;
    const parsed = parseResource(JSON.parse(text));
    return parsed.ok && parsed.resource.kind === 'WorkflowRun' ? parsed.resource : undefined;
  };

  return {
    async create({ workflow, trigger, inputs, name }) {
      const now = clock.now();
      const namespace = workflow.metadata.namespace ?? 'default';
      const run = {
        apiVersion,
        kind: 'WorkflowRun',
        metadata: {
          name: name ?? runName(workflow.metadata.name, now),
          namespace,
          creationTimestamp: now.toISOString(),
          labels: { 'punchingfist.io/workflow': workflow.metadata.name },
        },
        spec: {
          workflowRef: { name: workflow.metadata.name },
          trigger,
          ...(inputs === undefined ? {} : { inputs }),
        },
      };
      const parsed = parseResource(run);
      if (!parsed.ok || parsed.resource.kind !== 'WorkflowRun')
        throw new Error('invalid WorkflowRun');
      const k = key(namespace, run.metadata.name);
      const created = await redis.set(k, JSON.stringify(parsed.resource), 'NX');
      if (created === null)
        throw new AppError(
          'conflict',
          `WorkflowRun ${namespace}/${run.metadata.name} already exists`,
        );
      await redis.zadd(index, now.getTime(), `${namespace}/${run.metadata.name}`);
      return parsed.resource;
    },
    async get(namespace, name) {
      return parse(await redis.get(key(namespace, name)));
    },
    async list({ namespace, workflow, phase, limit }) {
      const members = await redis.zrevrange(index, 0, -1);
      const wanted = members.filter(
        (m) => namespace === undefined || m.startsWith(`${namespace}/`),
      );
      if (wanted.length === 0) return [];
      const texts = await redis.mget(...wanted.map((m) => `${prefix}run:${m}`));
      const runs = texts
        .map(parse)
        .filter((r): r is WorkflowRun => r !== undefined)
        .filter((r) => workflow === undefined || r.spec.workflowRef.name === workflow)
        .filter((r) => phase === undefined || (r.status?.phase ?? 'Pending') === phase)
        .sort(newestFirst);
      return limit === undefined ? runs : runs.slice(0, limit);
    },
    updateStatus(namespace, name, mutate) {
      const k = key(namespace, name);
      return tx.run(async (conn) => {
        for (let attempt = 0; attempt < 20; attempt++) {
          await conn.watch(k);
          const run = parse(await conn.get(k));
          if (run === undefined) {
            await conn.unwatch();
            throw new Error(`WorkflowRun ${namespace}/${name} not found`);
          }
          const status = mutate(run.status);
          const done = await conn
            .multi()
            .set(k, JSON.stringify({ ...run, status }))
            .exec();
          if (done !== null) return status;
        }
        throw new Error(`WorkflowRun ${namespace}/${name}: too many concurrent status updates`);
      });
    },
    async close() {
      tx.disconnect();
    },
    async delete(namespace, name) {
      await redis.multi().del(key(namespace, name)).zrem(index, `${namespace}/${name}`).exec();
    },
  };
}
