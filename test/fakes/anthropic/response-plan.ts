import {
  type ApiErrorType,
  defaultErrorMessage,
  type ErrorStatus,
  errorTypeFor,
} from './error-envelope.ts';
import type { Fault, HttpFault, StreamErrorFault } from './fake-types.ts';
import type { WireMessage } from './wire-message.ts';

/** What the fake decided to answer to one request, before any byte is written. */
export type ResponsePlan =
  | {
      readonly kind: 'error';
      readonly status: ErrorStatus;
      readonly type: ApiErrorType;
      readonly message: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  /** Send nothing: a hang, or a client that left during a delay. */
  | { readonly kind: 'silence' }
  | {
      readonly kind: 'message';
      readonly message: WireMessage;
      readonly stream: boolean;
      readonly streamError: StreamErrorFault['streamError'] | undefined;
    };

export type ErrorPlan = Extract<ResponsePlan, { kind: 'error' }>;

export function errorPlan(
  status: ErrorStatus,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): ErrorPlan {
  return { kind: 'error', status, type: errorTypeFor(status), message, headers };
}

export function httpFaultPlan(fault: HttpFault): ErrorPlan {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
  return errorPlan(fault.status, fault.message ?? defaultErrorMessage(fault.status), headers);
}

/** The HTTP answer a stream-error fault becomes on a non-streaming request. */
export function streamErrorAsHttp(streamError: StreamErrorFault['streamError']): ErrorPlan {
  const status = streamError === 'overloaded_error' ? 529 : 500;
  return errorPlan(status, defaultErrorMessage(status));
}

/** How a queued fault shapes the answer: replaces it, delays it, or breaks its stream. */
export interface FaultEffect {
  readonly replacement: ResponsePlan | undefined;
  readonly delayMs: number;
  readonly streamError: StreamErrorFault['streamError'] | undefined;
}

export function effectOf(fault: Fault | undefined): FaultEffect {
  const none: FaultEffect = { replacement: undefined, delayMs: 0, streamError: undefined };
  if (fault === undefined) return none;
  if ('status' in fault) return { ...none, replacement: httpFaultPlan(fault) };
  if ('hang' in fault) return { ...none, replacement: { kind: 'silence' } };
  if ('delayMs' in fault) return { ...none, delayMs: fault.delayMs };
  return { ...none, streamError: fault.streamError };
}
