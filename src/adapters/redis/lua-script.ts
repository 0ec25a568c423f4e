import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA): the text crosses the wire and is
 * hashed by Redis once, not on every call. Redis may forget scripts (a
 * restart, SCRIPT FLUSH); on NOSCRIPT the call is made once more with EVAL,
 * which loads it again.
 */
export type LuaScript = (
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

const isNoScript = (err: unknown) => err instanceof Error && err.message.startsWith('NOSCRIPT');

export function luaScript(redis: Redis, source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!isNoScript(err)) throw err;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
