import type { Redis } from 'ioredis';
import { type Claim, claimLua, dedupKey } from './dedup-store.ts';
import { luaScript } from './lua-script.ts';
import { bucketKeys, takeLua } from './rate-limiter.ts';

/**
 * A webhook request's way in: a token from its Source's bucket, then —
 * only if it was given — a dedup claim for each firing event, or the
 * current holder of each resolved one. The same Lua, keys and rules as
 * rate-limiter.ts and dedup-store.ts (a claim taken here is given back with
 * DedupStore.release), in one script, so a request never claims without
 * its token.
 *
 * Requests that arrive during one turn of the event loop go to Redis
 * together, in one script call, when the turn ends (setImmediate): under
 * load that saves most of what a call costs — a socket write, a wake-up of
 * Redis, a command — and a lone request waits only for the rest of the turn.
 */
export interface GateEvent {
  readonly fingerprint: string;
  /** The run to start if this event claims its fingerprint; absent for a resolved event, which only reads the holder. */
  readonly runId?: string;
}

export type GateResult = Claim | { readonly kind: 'holder'; readonly runId: string | undefined };

export type GateOutcome =
  | { readonly allowed: false; readonly refused: number }
  | { readonly allowed: true; readonly results: readonly GateResult[] };

export interface GateRequest {
  readonly bucket: string;
  readonly rate: number;
  readonly burst: number;
  readonly windowMs: number;
  readonly nowMs: number;
  readonly events: readonly GateEvent[];
}

export interface IngestGate {
  admit(request: GateRequest): Promise<GateOutcome>;
}

// ARGV: the number of requests, then per request: events, rate, burst, now, window, and one
// run id per event ('' = read the holder only). KEYS per request: bucket, refused counter,
// one dedup key per event. Reply per request: allowed, remaining, refused, and if allowed,
// kind (1 new, 0 duplicate, 2 holder), run, count per event.
const admitScript = `${takeLua}${claimLua}
local out = {}
local function push(x, y, z)
  local n = #out
  out[n + 1], out[n + 2], out[n + 3] = x, y, z
end
local k = 1
local a = 2
for _ = 1, tonumber(ARGV[1]) do
  local events, now, window = tonumber(ARGV[a]), ARGV[a + 3], ARGV[a + 4]
  local allowed, remaining, refused = take(KEYS[k], KEYS[k + 1], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(now))
  push(allowed, remaining, refused)
  k, a = k + 2, a + 5
  for _ = 1, events do
    if allowed == 1 then
      local isNew, holder, n = 2, redis.call('HGET', KEYS[k], 'r') or '', 0
      if ARGV[a] ~= '' then isNew, holder, n = claim(KEYS[k], ARGV[a], window, now) end
      push(isNew, holder, n)
    end
    k, a = k + 1, a + 1
  end
end
return out
`;

interface Pending {
  readonly request: GateRequest;
  readonly resolve: (outcome: GateOutcome) => void;
  readonly reject: (reason: unknown) => void;
}

/** Keys per script call at most, so one call never holds Redis long. */
const maxKeysPerCall = 2_000;

function resultAt(reply: readonly unknown[], at: number): GateResult {
  const [kind, run, n] = [reply[at], String(reply[at + 1] ?? ''), Number(reply[at + 2])];
  if (kind === 1) return { kind: 'new', runId: run };
  if (kind === 0) return { kind: 'duplicate', runId: run, occurrences: n };
  return { kind: 'holder', runId: run === '' ? undefined : run };
}

export function createRedisIngestGate(redis: Redis, prefix: string): IngestGate {
  const admit = luaScript(redis, admitScript);
  let pending: Pending[] = [];

  const send = (calls: readonly Pending[]) => {
    const keys: string[] = [];
    const args: (string | number)[] = [calls.length];
    for (const { request: r } of calls) {
      keys.push(...bucketKeys(prefix, r.bucket));
      args.push(r.events.length, r.rate, r.burst, r.nowMs, r.windowMs);
      for (const e of r.events) {
        keys.push(dedupKey(prefix, e.fingerprint));
        args.push(e.runId ?? '');
      }
    }
    admit(keys, args).then(
      (reply) => answer(calls, reply as unknown[]),
      (err: unknown) => {
        for (const call of calls) call.reject(err);
      },
    );
  };

  const answer = (calls: readonly Pending[], reply: readonly unknown[]) => {
    let at = 0;
    for (const { request, resolve } of calls) {
      const allowed = reply[at] === 1;
      const refused = Number(reply[at + 2]);
      at += 3;
      if (!allowed) {
        resolve({ allowed: false, refused });
        continue;
      }
      const results = request.events.map((_, i) => resultAt(reply, at + i * 3));
      at += request.events.length * 3;
      resolve({ allowed: true, results });
    }
  };

  const flush = () => {
    const calls = pending;
    pending = [];
    let chunk: Pending[] = [];
    let keys = 0;
    for (const call of calls) {
      const size = call.request.events.length + 2;
      if (chunk.length > 0 && keys + size > maxKeysPerCall) {
        send(chunk);
        chunk = [];
        keys = 0;
      }
      chunk.push(call);
      keys += size;
    }
    send(chunk);
  };

  return {
    admit(request) {
      return new Promise((resolve, reject) => {
        pending.push({ request, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
  };
}
