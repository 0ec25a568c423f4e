import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A client and a key prefix of the test file's own; cleanup deletes only its keys. */
export function testRedis(
  url: string,
  name: string,
): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  const prefix = `test-${name}-${randomBytes(4).toString('hex')}:`;
  return {
    redis,
    prefix,
    async cleanup() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
