import { z } from 'zod';

/**
 * The Prometheus HTTP API's answers (`/api/v1/query`, `/api/v1/query_range`),
 * parsed at the boundary. A sample is `[unix seconds, "value"]`; values are
 * strings on the wire because they may be `NaN` or `+Inf`.
 */
const sample = z.tuple([z.number(), z.string()]);

const labels = z.record(z.string(), z.string());

const vectorData = z.object({
  resultType: z.literal('vector'),
  // Native histograms come as `histogram` instead of `value`; they are skipped.
  result: z.array(z.object({ metric: labels, value: sample.optional() })),
});

const matrixData = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: labels, values: z.array(sample).default([]) })),
});

const scalarData = z.object({ resultType: z.literal('scalar'), result: sample });

const stringData = z.object({ resultType: z.literal('string'), result: sample });

export const successBody = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [vectorData, matrixData, scalarData, stringData]),
  warnings: z.array(z.string()).optional(),
});

export const errorBody = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

export type RawSample = z.infer<typeof sample>;
export type SuccessBody = z.infer<typeof successBody>;
export type ErrorBody = z.infer<typeof errorBody>;

/** The first few zod issues as `data.result[3].values: expected array`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map(
      (issue) => `${issue.path.length === 0 ? '(body)' : pathText(issue.path)}: ${issue.message}`,
    )
    .join('; ');
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
