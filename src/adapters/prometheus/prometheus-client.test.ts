import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../core/errors.ts';
import { createPrometheusClient } from './prometheus-client.ts';

/** A fetch that answers like Prometheus and records what it was asked. */
function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; params: URLSearchParams }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), params: new URLSearchParams(String(init?.body)) });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const matrix = (n: number) => ({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: Array.from({ length: n }, (_, i) => ({
      metric: { pod: `p${i}` },
      values: [
        [1700000000, '1'],
        [1700000015, 'NaN'],
      ],
    })),
  },
});

describe('Prometheus client', () => {
  it('sends an instant query to /api/v1/query under the base path and parses a vector', async () => {
    const { fetch, calls } = fakeFetch(200, {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: { job: 'ksm' }, value: [1700000000.5, '+Inf'] }],
      },
    });
    const client = createPrometheusClient({ baseUrl: 'http://prom:9090/prometheus', fetch });
    const result = await client.query({ query: ' up ', time: new Date(1_700_000_000_000) });
    expect(calls[0]?.url).toBe('http://prom:9090/prometheus/api/v1/query');
    expect(calls[0]?.params.get('query')).toBe('up');
    expect(calls[0]?.params.get('time')).toBe('1700000000');
    expect(result).toMatchObject({
      resultType: 'vector',
      series: [
        { metric: { job: 'ksm' }, sample: { time: 1700000000.5, value: Number.POSITIVE_INFINITY } },
      ],
      truncated: false,
    });
  });

  it('parses scalar and string results', async () => {
    const scalar = createPrometheusClient({
      baseUrl: 'http://prom',
      fetch: fakeFetch(200, {
        status: 'success',
        data: { resultType: 'scalar', result: [1, '42'] },
      }).fetch,
    });
    expect(await scalar.query({ query: '42' })).toMatchObject({
      resultType: 'scalar',
      sample: { value: 42 },
    });
    const text = createPrometheusClient({
      baseUrl: 'http://prom',
      fetch: fakeFetch(200, {
        status: 'success',
        data: { resultType: 'string', result: [1, 'hi'] },
      }).fetch,
    });
    expect(await text.query({ query: '"hi"' })).toMatchObject({
      resultType: 'string',
      value: 'hi',
    });
  });

  it('sends start, end and step of a range query and caps the series', async () => {
    const { fetch, calls } = fakeFetch(200, matrix(5));
    const client = createPrometheusClient({ baseUrl: 'http://prom/', fetch, maxSeries: 3 });
    const result = await client.queryRange({
      query: 'up',
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-01-01T01:00:00Z'),
      stepSeconds: 15,
    });
    expect(calls[0]?.url).toBe('http://prom/api/v1/query_range');
    expect(calls[0]?.params.get('start')).toBe('1767225600');
    expect(calls[0]?.params.get('end')).toBe('1767229200');
    expect(calls[0]?.params.get('step')).toBe('15');
    expect(result.series).toHaveLength(3);
    expect(result).toMatchObject({ totalSeries: 5, truncated: true });
    expect(result.series[0]?.samples[1]?.value).toBeNaN();
  });

  it('refuses a range query with more points per series than allowed, before asking', async () => {
    const { fetch, calls } = fakeFetch(200, matrix(1));
    const client = createPrometheusClient({ baseUrl: 'http://prom', fetch });
    const err = await caught(
      client.queryRange({
        query: 'up',
        start: new Date(0),
        end: new Date(86_400_000),
        stepSeconds: 1,
      }),
    );
    expect(err.code).toBe('input_invalid');
    expect(err.message).toMatch(/stepSeconds: .*86401 points/);
    expect(calls).toHaveLength(0);
  });

  it('maps status error to an AppError naming the error type and Prometheus message', async () => {
    const { fetch } = fakeFetch(400, {
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    });
    const err = await caught(
      createPrometheusClient({ baseUrl: 'http://prom', fetch }).query({ query: 'foo(' }),
    );
    expect(err.code).toBe('input_invalid');
    expect(err.message).toContain('bad_data');
    expect(err.message).toContain('unclosed left parenthesis');
    expect(err.details).toMatchObject({ errorType: 'bad_data', status: 400, query: 'foo(' });
  });

  it('maps a Prometheus timeout to the timeout code', async () => {
    const { fetch } = fakeFetch(503, {
      status: 'error',
      errorType: 'timeout',
      error: 'query timed out',
    });
    const err = await caught(
      createPrometheusClient({ baseUrl: 'http://prom', fetch }).query({ query: 'up' }),
    );
    expect(err.code).toBe('timeout');
  });

  it('names the field when the body is not the API shape', async () => {
    const { fetch } = fakeFetch(200, {
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: 'x' }] },
    });
    const err = await caught(
      createPrometheusClient({ baseUrl: 'http://prom', fetch }).query({ query: 'up' }),
    );
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).toContain('data.result[0].values');
  });

  it('explains a proxy error page that is not JSON', async () => {
    const { fetch } = fakeFetch(502, '<html>Bad Gateway</html>');
    const err = await caught(
      createPrometheusClient({ baseUrl: 'http://prom', fetch }).query({ query: 'up' }),
    );
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).toMatch(/HTTP 502 .*Bad Gateway/);
  });

  it('refuses an answer larger than the byte cap', async () => {
    const { fetch } = fakeFetch(200, matrix(200));
    const client = createPrometheusClient({
      baseUrl: 'http://prom',
      fetch,
      maxResponseBytes: 1000,
    });
    expect((await caught(client.query({ query: 'up' }))).code).toBe('payload_too_large');
  });

  it('gives up after its time limit with a timeout error', async () => {
    const hanging: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const client = createPrometheusClient({
      baseUrl: 'http://prom',
      fetch: hanging,
      timeoutMs: 50,
    });
    const err = await caught(client.query({ query: 'up' }));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('50 ms');
  });

  it('passes a caller abort through as the caller reason', async () => {
    const hanging: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const controller = new AbortController();
    const client = createPrometheusClient({ baseUrl: 'http://prom', fetch: hanging });
    const pending = client.query({ query: 'up', signal: controller.signal });
    controller.abort(new Error('run cancelled'));
    await expect(pending).rejects.toThrow('run cancelled');
  });

  it('reports an unreachable Prometheus with the network reason', async () => {
    const refused: typeof globalThis.fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    };
    const err = await caught(
      createPrometheusClient({ baseUrl: 'http://prom', fetch: refused }).query({ query: 'up' }),
    );
    expect(isAppError(err, 'upstream_unavailable')).toBe(true);
    expect(err.message).toContain('ECONNREFUSED');
  });
});
