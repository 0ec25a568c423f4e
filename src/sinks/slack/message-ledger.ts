import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PostedMessage } from '../../adapters/slack/slack-chat.ts';
import type { Clock } from '../../core/ports.ts';

/**
 * Posts each message once, whatever retries: a retried job, an event
 * published twice, two replicas. Every message has a slot (a Redis hash
 * field); the posted `ts` is recorded there. Before posting, the poster
 * claims the slot; a claim found without a record means another poster is
 * at it (wait for its record) or died between post and record — then the
 * message is looked for in Slack by its marker (message metadata) before
 * it is posted again.
 */
export interface LedgerSlot {
  /** The Redis hash holding the slot. */
  readonly key: string;
  readonly field: string;
}

export interface PostAttempt {
  /** The message, if a previous poster sent it but died before recording it. */
  find(): Promise<PostedMessage | undefined>;
  post(): Promise<PostedMessage>;
}

export interface Posted {
  readonly message: PostedMessage;
  /** True when this call posted it; false when it was already there. */
  readonly fresh: boolean;
}

export interface MessageLedger {
  get(slot: LedgerSlot): Promise<PostedMessage | undefined>;
  once(slot: LedgerSlot, attempt: PostAttempt): Promise<Posted>;
}

export interface LedgerOptions {
  /** A claim older than this whose owner never recorded is taken over (default 30 s). */
  readonly staleMs?: number;
  /** How long the hash lives after its last write (default 30 days). */
  readonly ttlSeconds?: number;
  readonly pollMs?: number;
}

// KEYS[1] hash; ARGV: claim field, expected claim, new claim. Replaces a claim only if unchanged.
const takeOverScript = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0`;

interface Claim {
  readonly owner: string;
  readonly atMs: number;
}

function parseClaim(raw: string): Claim {
  const [owner = '', at = '0'] = raw.split('|');
  return { owner, atMs: Number(at) || 0 };
}

function parseRecord(raw: string | null): PostedMessage | undefined {
  if (raw === null) return undefined;
  const value = JSON.parse(raw) as Partial<PostedMessage>;
  return typeof value.channel === 'string' && typeof value.ts === 'string'
    ? { channel: value.channel, ts: value.ts }
    : undefined;
}

export function createMessageLedger(
  redis: Redis,
  clock: Clock,
  options: LedgerOptions = {},
): MessageLedger {
  const staleMs = options.staleMs ?? 30_000;
  const ttl = options.ttlSeconds ?? 30 * 86_400;
  const pollMs = options.pollMs ?? 200;
  const owner = randomUUID();
  const claimField = (slot: LedgerSlot) => `${slot.field}~claim`;
  const get = async (slot: LedgerSlot) => parseRecord(await redis.hget(slot.key, slot.field));

  const record = async (slot: LedgerSlot, message: PostedMessage): Promise<void> => {
    await redis
      .multi()
      .hset(slot.key, slot.field, JSON.stringify(message))
      .hdel(slot.key, claimField(slot))
      .expire(slot.key, ttl)
      .exec();
  };

  /** Marks our claim as abandoned, so the next poster looks in Slack at once. */
  const abandon = async (slot: LedgerSlot, mine: string): Promise<void> => {
    await redis.eval(takeOverScript, 1, slot.key, claimField(slot), mine, `${owner}|0`);
  };

  type Step = 'new' | 'taken-over' | 'wait' | 'again' | PostedMessage;

  /** One look at a slot someone else claimed: its record, a live claim to wait for, or a stale one to take over. */
  const contend = async (slot: LedgerSlot, mine: string): Promise<Step> => {
    const done = await get(slot);
    if (done !== undefined) return done;
    const held = await redis.hget(slot.key, claimField(slot));
    if (held === null) {
      return (await redis.hsetnx(slot.key, claimField(slot), mine)) === 1 ? 'new' : 'again';
    }
    if (clock.now().getTime() - parseClaim(held).atMs < staleMs) return 'wait';
    const took = await redis.eval(takeOverScript, 1, slot.key, claimField(slot), held, mine);
    return took === 1 ? 'taken-over' : 'again';
  };

  /** Our claim on the slot: 'new' (nobody tried), 'taken-over' (someone may have posted), or the record. */
  const claim = async (
    slot: LedgerSlot,
    mine: string,
  ): Promise<'new' | 'taken-over' | PostedMessage> => {
    if ((await redis.hsetnx(slot.key, claimField(slot), mine)) === 1) {
      await redis.expire(slot.key, ttl);
      return 'new';
    }
    for (;;) {
      const step = await contend(slot, mine);
      if (step === 'wait') await sleep(pollMs);
      else if (step !== 'again') return step;
    }
  };

  return {
    get,
    async once(slot, attempt) {
      const existing = await get(slot);
      if (existing !== undefined) return { message: existing, fresh: false };
      const mine = `${owner}|${clock.now().getTime()}`;
      const claimed = await claim(slot, mine);
      if (typeof claimed === 'object') return { message: claimed, fresh: false };
      if (claimed === 'taken-over') {
        // A poster died after claiming: it may have posted before it could record.
        const found = await attempt.find().catch(() => undefined);
        if (found !== undefined) {
          await record(slot, found);
          return { message: found, fresh: false };
        }
      }
      let message: PostedMessage;
      try {
        message = await attempt.post();
      } catch (err) {
        await abandon(slot, mine).catch(() => undefined);
        throw err;
      }
      await record(slot, message);
      return { message, fresh: true };
    },
  };
}
