// Fault injection: answers a Web API call the way Slack does when it is rate limiting,
// failing, or refusing, without touching workspace state.
import type { JsonObject } from '../../../src/workspace/json.ts';

interface FaultTarget {
  /** Only calls to this method fail; any method when omitted. */
  method?: string;
}

/** HTTP 429 with `Retry-After: <seconds>` and `{"ok":false,"error":"ratelimited"}`. */
export interface RateLimitFault extends FaultTarget {
  status: 429;
  retryAfterSeconds: number;
}

/** A 5xx from Slack's edge; `error` goes in the JSON body. */
export interface ServerFault extends FaultTarget {
  status: 500 | 502 | 503 | 504;
  error?: string;
  retryAfterSeconds?: number;
}

/** HTTP 200 with `{"ok":false,"error":...}`: a platform error such as `channel_not_found`. */
export interface PlatformFault extends FaultTarget {
  status: 200;
  error: string;
}

export type FaultSpec = RateLimitFault | ServerFault | PlatformFault;

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

export interface FaultPlan {
  failNext(fault: FaultSpec): void;
  failEvery(n: number, fault: FaultSpec): void;
  clear(): void;
  /** The fault for this call, if one applies; consumes one-shot faults. */
  take(method: string): FaultSpec | undefined;
}

interface PeriodicFault {
  every: number;
  seen: number;
  fault: FaultSpec;
}

const matches = (fault: FaultSpec, method: string): boolean =>
  fault.method === undefined || fault.method === method;

export function createFaultPlan(): FaultPlan {
  let pending: FaultSpec[] = [];
  let periodic: PeriodicFault[] = [];
  return {
    failNext: (fault) => {
      pending.push(fault);
    },
    failEvery: (n, fault) => {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`failEvery needs n >= 1, got ${n}`);
      periodic.push({ every: n, seen: 0, fault });
    },
    clear: () => {
      pending = [];
      periodic = [];
    },
    take(method) {
      let chosen: FaultSpec | undefined;
      for (const rule of periodic) {
        if (!matches(rule.fault, method)) continue;
        rule.seen += 1;
        if (chosen === undefined && rule.seen % rule.every === 0) chosen = rule.fault;
      }
      const index = pending.findIndex((fault) => matches(fault, method));
      if (index >= 0) {
        const [oneShot] = pending.splice(index, 1);
        return oneShot ?? chosen;
      }
      return chosen;
    },
  };
}

const DEFAULT_SERVER_ERRORS: Readonly<Record<number, string>> = {
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'request_timeout',
};

export function faultResponse(fault: FaultSpec): FaultResponse {
  if (fault.status === 429) {
    return {
      status: 429,
      headers: { 'retry-after': String(fault.retryAfterSeconds) },
      body: { ok: false, error: 'ratelimited' },
    };
  }
  if (fault.status === 200)
    return { status: 200, headers: {}, body: { ok: false, error: fault.error } };
  return {
    status: fault.status,
    headers:
      fault.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(fault.retryAfterSeconds) },
    body: {
      ok: false,
      error: fault.error ?? DEFAULT_SERVER_ERRORS[fault.status] ?? 'internal_error',
    },
  };
}
