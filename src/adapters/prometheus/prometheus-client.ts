import { AppError } from '../../core/errors.ts';
import { prometheusRefusal, requestFailure, unexpectedAnswer } from './prometheus-errors.ts';
import { describeIssues, errorBody, successBody } from './prometheus-response.ts';
import type { MatrixResult, QueryResult } from './prometheus-result.ts';
import { toQueryResult } from './prometheus-result.ts';
import { readCapped } from './read-capped.ts';

/**
 * A small client of the Prometheus HTTP API: instant and range queries,
 * each with a time limit (also sent to Prometheus so it stops evaluating),
 * answers parsed by zod, series capped, and every failure an AppError naming
 * the problem. `fetch` and the base URL are injected.
 */
export interface PrometheusClientOptions {
  /** e.g. http://prometheus:9090 or https://host/prometheus (a path prefix is kept). */
  readonly baseUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Per-request time limit; default 15 s. */
  readonly timeoutMs?: number;
  /** Series kept from one answer; default 200. */
  readonly maxSeries?: number;
  /** Points per series a range query may ask for; default 11,000 (Prometheus's own limit). */
  readonly maxPointsPerSeries?: number;
  /** Bytes of one answer; default 16 MiB. */
  readonly maxResponseBytes?: number;
}

interface QueryCommon {
  readonly query: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface InstantQuery extends QueryCommon {
  /** Evaluation time; Prometheus's now when omitted. */
  readonly time?: Date;
}

export interface RangeQuery extends QueryCommon {
  readonly start: Date;
  readonly end: Date;
  readonly stepSeconds: number;
}

export interface PrometheusClient {
  query(request: InstantQuery): Promise<QueryResult>;
  queryRange(request: RangeQuery): Promise<MatrixResult>;
}

interface Settings {
  readonly endpoint: (path: string) => URL;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly maxSeries: number;
  readonly maxPointsPerSeries: number;
  readonly maxResponseBytes: number;
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const settings = settingsFrom(options);
  return {
    query: async (request) => {
      const params = new URLSearchParams({ query: checkedQuery(request.query) });
      if (request.time !== undefined) params.set('time', unixSeconds(request.time));
      return post(settings, 'api/v1/query', params, request);
    },
    queryRange: async (request) => {
      const params = rangeParams(request, settings.maxPointsPerSeries);
      const result = await post(settings, 'api/v1/query_range', params, request);
      if (result.resultType !== 'matrix') {
        throw new AppError(
          'upstream_unavailable',
          `Prometheus answered a range query with a ${result.resultType}`,
        );
      }
      return result;
    },
  };
}

function settingsFrom(options: PrometheusClientOptions): Settings {
  if (!URL.canParse(options.baseUrl)) {
    throw new AppError('config_invalid', `Prometheus base URL is not a URL: "${options.baseUrl}"`);
  }
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  return {
    endpoint: (path) => new URL(path, base),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxSeries: options.maxSeries ?? 200,
    maxPointsPerSeries: options.maxPointsPerSeries ?? 11_000,
    maxResponseBytes: options.maxResponseBytes ?? 16 * 1024 * 1024,
  };
}

function checkedQuery(query: string): string {
  const trimmed = query.trim();
  if (trimmed === '')
    throw new AppError('input_invalid', 'query: must be a PromQL expression, got an empty string');
  return trimmed;
}

function rangeParams(request: RangeQuery, maxPoints: number): URLSearchParams {
  const { start, end, stepSeconds } = request;
  if (!(stepSeconds > 0))
    throw new AppError('input_invalid', `stepSeconds: must be positive, got ${stepSeconds}`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new AppError('input_invalid', 'start/end: must be valid dates');
  }
  if (end < start) throw new AppError('input_invalid', 'end: must not be before start');
  const points = Math.floor((end.getTime() - start.getTime()) / 1000 / stepSeconds) + 1;
  if (points > maxPoints) {
    throw new AppError(
      'input_invalid',
      `stepSeconds: ${stepSeconds} s over this range gives ${points} points per series, more than ${maxPoints}; use a larger step`,
    );
  }
  return new URLSearchParams({
    query: checkedQuery(request.query),
    start: unixSeconds(start),
    end: unixSeconds(end),
    step: String(stepSeconds),
  });
}

function unixSeconds(date: Date): string {
  return String(date.getTime() / 1000);
}

async function post(
  settings: Settings,
  path: string,
  params: URLSearchParams,
  request: QueryCommon,
): Promise<QueryResult> {
  const timeoutMs = request.timeoutMs ?? settings.timeoutMs;
  params.set('timeout', `${Math.max(1, Math.floor(timeoutMs / 1000))}s`);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal =
    request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
  try {
    const response = await settings.fetch(settings.endpoint(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params,
      signal,
    });
    const text = await readCapped(response, settings.maxResponseBytes);
    return interpret(response.status, text, request.query, settings.maxSeries);
  } catch (err) {
    if (request.signal?.aborted === true && !timeout.aborted) throw request.signal.reason;
    throw requestFailure(err, timeout.aborted, timeoutMs);
  }
}

function interpret(status: number, text: string, query: string, maxSeries: number): QueryResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unexpectedAnswer(status, text, 'something that is not JSON');
  }
  const failed = errorBody.safeParse(json);
  if (failed.success) throw prometheusRefusal(failed.data, status, query);
  const parsed = successBody.safeParse(json);
  if (!parsed.success)
    throw unexpectedAnswer(status, describeIssues(parsed.error), 'an unexpected body');
  return toQueryResult(parsed.data, maxSeries);
}
