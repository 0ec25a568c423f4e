import type { z } from 'zod';
import { apiVersion } from './api-group.ts';
import { type Sink, sinkSchema } from './sink.ts';
import { type Source, sourceSchema } from './source.ts';
import { type Workflow, workflowSchema } from './workflow.ts';
import { type WorkflowRun, workflowRunSchema } from './workflow-run.ts';

/**
 * Parses one document (from a `--config` directory or the API server) into
 * a resource, defaults applied, or every problem, each naming its field as
 * kubectl would (`spec.steps[1].then`).
 */
export type Resource = Source | Workflow | Sink | WorkflowRun;
export type ResourceKind = Resource['kind'];

export const resourceSchemas = {
  Source: sourceSchema,
  Workflow: workflowSchema,
  Sink: sinkSchema,
  WorkflowRun: workflowRunSchema,
} as const satisfies Record<ResourceKind, z.ZodType>;

export interface ResourceProblem {
  /** The field, e.g. spec.steps[1].then; empty for the document itself. */
  readonly field: string;
  readonly message: string;
}

export type ParseResourceResult =
  | { readonly ok: true; readonly resource: Resource }
  | { readonly ok: false; readonly problems: readonly ResourceProblem[] };

export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

function isResourceKind(kind: unknown): kind is ResourceKind {
  return typeof kind === 'string' && Object.hasOwn(resourceSchemas, kind);
}

function documentProblem(doc: unknown): ResourceProblem | undefined {
  if (typeof doc !== 'object' || doc === null) return { field: '', message: 'must be an object' };
  const { apiVersion: version, kind } = doc as Record<string, unknown>;
  if (version !== apiVersion) return { field: 'apiVersion', message: `must be ${apiVersion}` };
  if (!isResourceKind(kind)) {
    return { field: 'kind', message: `must be one of ${Object.keys(resourceSchemas).join(', ')}` };
  }
  return undefined;
}

/** One problem per field: an unknown key is reported at its own path, as kubectl does. */
export function problemsOf(error: z.ZodError): ResourceProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: formatFieldPath([...issue.path, key]),
          message: 'unknown field (or not allowed with this type)',
        }))
      : [{ field: formatFieldPath(issue.path), message: issue.message }],
  );
}

const requiredMessage = (issue: { code: string; input?: unknown }) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly ResourceProblem[] };

/** Parses with any of the schemas (a whole resource, a spec, a status), reporting problems by field. */
export function parseWithProblems<S extends z.ZodType>(
  schema: S,
  value: unknown,
): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(value, { error: requiredMessage });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: problemsOf(parsed.error) };
}

export function parseResource(doc: unknown): ParseResourceResult {
  const problem = documentProblem(doc);
  if (problem !== undefined) return { ok: false, problems: [problem] };
  const kind = (doc as { kind: ResourceKind }).kind;
  const parsed = parseWithProblems(resourceSchemas[kind], doc);
  return parsed.ok ? { ok: true, resource: parsed.value } : parsed;
}
