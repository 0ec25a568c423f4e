import { benchToken } from './ingest-env.ts';
import type { LoadMode, LoadPlan, LoadResult } from './load.ts';
import type { Workload } from './payloads.ts';

/** Shared helpers of the ingest bench's phases: rates, answer tallies, what counts as broken. */
export interface Target {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

export const throughput = (r: LoadResult) => r.completed / (r.elapsedMs / 1000);
export const rps = (value: number) => `${value.toFixed(0)} req/s`;
export const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

export const statusLine = (r: LoadResult) =>
  Object.entries(r.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

/** Answers other than `allowed`, transport errors or missing answers: the run measured something else. */
export function unexpected(name: string, r: LoadResult, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  if (r.errors > 0) problems.push(`${name}: ${r.errors} transport errors (${r.firstError})`);
  if (Object.keys(r.statuses).some((s) => !allowed.includes(s)))
    problems.push(`${name}: unexpected answers ${statusLine(r)}`);
  if (r.completed + r.errors < r.sent)
    problems.push(`${name}: ${r.sent - r.completed - r.errors} requests unanswered`);
  return problems;
}

export function plan(
  port: number,
  paths: readonly string[],
  workload: Workload,
  mode: LoadMode,
): LoadPlan {
  return { port, paths, token: benchToken, workload, mode };
}

export const closed = (concurrency: number, requests: number, maxMs: number): LoadMode => ({
  kind: 'closed',
  concurrency,
  requests,
  maxMs,
});
