import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../../core/errors.ts';

/** Translates the Kubernetes client's errors into AppError at the boundary. */
const statusBody = z.object({ message: z.string(), reason: z.string().optional() });

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return statusBody.safeParse(body).data?.message;
  try {
    return statusBody.safeParse(JSON.parse(body)).data?.message;
  } catch {
    return body.slice(0, 300) || undefined;
  }
}

function codeFor(status: number): AppErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'input_invalid';
  return status >= 500 ? 'upstream_unavailable' : 'internal';
}

export function apiStatus(err: unknown): number | undefined {
  return err instanceof k8s.ApiException ? err.code : undefined;
}

export function apiMessage(err: unknown): string | undefined {
  return err instanceof k8s.ApiException ? statusMessage(err.body) : undefined;
}

export function toAppError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof k8s.ApiException) {
    const detail = statusMessage(err.body) ?? `HTTP ${err.code}`;
    return new AppError(codeFor(err.code), `${what}: ${detail}`, {
      cause: err,
      details: { status: err.code },
    });
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return new AppError('timeout', `${what}: the Kubernetes API did not answer in time`, {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('upstream_unavailable', `${what}: ${message}`, { cause: err });
}
