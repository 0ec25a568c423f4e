import type { Redis } from 'ioredis';
import type { Mutation, ProposalStore } from '../../core/remediation/lifecycle-ports.ts';
import { type ProposalRecord, proposalRecordSchema } from '../../core/remediation/proposal.ts';
import { exclusiveConnection } from './exclusive-connection.ts';
import { luaScript } from './lua-script.ts';

/**
 * Proposals in Redis: one JSON record per id, kept `retentionMs` past its
 * expiry; a sorted set by expiresAt for the sweeper; a set of Approved ids
 * (re-enqueued by the sweeper should an enqueue have been lost). Updates are
 * optimistic (WATCH/MULTI) on a connection of their own, serialized within
 * this process; WATCH guards against other processes. The in-flight lock of
 * a target, the cooldown mark and the execution lease are plain keys with
 * TTLs (SET NX PX; released only by their holder, by a Lua script).
 */
const releaseIfHolder = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface ProposalStoreOptions {
  /** How long a record is kept after it expires (default 7 days). */
  readonly retentionMs?: number;
}

export function createRedisProposalStore(
  redis: Redis,
  prefix: string,
  options: ProposalStoreOptions = {},
): ProposalStore & { close(): Promise<void> } {
  const retention = options.retentionMs ?? 7 * 86_400_000;
  const key = (id: string) => `${prefix}proposal:${id}`;
  const expiries = `${prefix}proposals:expiry`;
  const approved = `${prefix}proposals:approved`;
  const lock = (target: string) => `${prefix}remediation:inflight:${target}`;
  const mark = (action: string, target: string) => `${prefix}remediation:ran:${action}:${target}`;
  const leaseKey = (id: string) => `${prefix}proposal:${id}:lease`;
  const release = luaScript(redis, releaseIfHolder);
  const ttlOf = (r: ProposalRecord) =>
    Math.max(Date.parse(r.expiresAt) - Date.now(), 0) + retention;
  const parse = (text: string | null): ProposalRecord | undefined => {
    if (text === null) return undefined;
    const parsed = proposalRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  };

  const tx = exclusiveConnection(redis);

  const indexOps = (multi: ReturnType<Redis['multi']>, r: ProposalRecord) => {
    if (r.state === 'Proposed') multi.zadd(expiries, Date.parse(r.expiresAt), r.id);
    else multi.zrem(expiries, r.id);
    if (r.state === 'Approved') multi.sadd(approved, r.id);
    else multi.srem(approved, r.id);
    return multi;
  };

  return {
    async create(record) {
      const valid = proposalRecordSchema.parse(record);
      const done = await redis.set(key(valid.id), JSON.stringify(valid), 'PX', ttlOf(valid), 'NX');
      if (done === null) return false;
      await indexOps(redis.multi(), valid).exec();
      return true;
    },
    async get(id) {
      return parse(await redis.get(key(id)));
    },
    update<T>(id: string, mutate: Mutation<T>) {
      return tx.run(async (conn) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          await conn.watch(key(id));
          const current = parse(await conn.get(key(id)));
          if (current === undefined) {
            await conn.unwatch();
            return undefined;
          }
          const { next, value } = mutate(current);
          if (next === undefined) {
            await conn.unwatch();
            return { value };
          }
          const valid = proposalRecordSchema.parse(next);
          const multi = conn.multi().set(key(id), JSON.stringify(valid), 'PX', ttlOf(valid));
          if ((await indexOps(multi, valid).exec()) !== null) return { value };
        }
        throw new Error(`proposal ${id}: too many concurrent updates`);
      });
    },
    async due(now) {
      const expired = await redis.zrangebyscore(expiries, 0, now.getTime());
      return { expired, approved: await redis.smembers(approved) };
    },
    async claimTarget(target, id, ttlMs) {
      const set = await redis.set(lock(target), id, 'PX', ttlMs, 'NX');
      if (set !== null) return undefined;
      const holder = await redis.get(lock(target));
      if (holder === id) {
        await redis.pexpire(lock(target), ttlMs);
        return undefined;
      }
      return holder ?? undefined;
    },
    async releaseTarget(target, id) {
      await release([lock(target)], [id]);
    },
    async holderOf(target) {
      return (await redis.get(lock(target))) ?? undefined;
    },
    async markRan(action, target, at, ttlMs) {
      if (ttlMs > 0) await redis.set(mark(action, target), at, 'PX', ttlMs);
    },
    async lastRan(action, target) {
      return (await redis.get(mark(action, target))) ?? undefined;
    },
    async lease(id, token, ttlMs) {
      if ((await redis.set(leaseKey(id), token, 'PX', ttlMs, 'NX')) !== null) return true;
      if ((await redis.get(leaseKey(id))) !== token) return false;
      await redis.pexpire(leaseKey(id), ttlMs);
      return true;
    },
    async releaseLease(id, token) {
      await release([leaseKey(id)], [token]);
    },
    async close() {
      tx.disconnect();
    },
  };
}
