import { z } from 'zod';
import { actionNames, type Proposal, proposalSchema } from '../../core/investigation/actions.ts';
import {
  categories,
  evidenceSchema,
  type Finding,
  type Report,
  reportSchema,
  severities,
} from '../../core/investigation/report.ts';

/**
 * The agent's final answer (the `report` tool's input, or a JSON text
 * answer) and how it becomes the report of SPEC §8: its root cause as the
 * first finding, the analyzers' findings after it, and only proposals from
 * the remediation catalogue (others dropped with a warning).
 */
const loose = z.looseObject({
  action: z.string().min(1).max(64),
  target: z.string().min(3).max(320),
  params: z.record(z.string(), z.unknown()).default({}),
  rationale: z.string().min(1).max(2000),
});

export const answerSchema = z.strictObject({
  summary: z.string().min(1).max(4000).describe('What is going on, in two or three sentences.'),
  rootCause: z
    .string()
    .min(1)
    .max(2000)
    .nullable()
    .describe('The root cause in one sentence; null when nothing is wrong.'),
  confidence: z.number().min(0).max(1).describe('How sure you are, 0..1.'),
  category: z.enum(categories).default('Other').describe('The root cause category.'),
  severity: z.enum(severities).default('high'),
  object: z
    .string()
    .min(3)
    .max(320)
    .optional()
    .describe('The object at fault as Kind/namespace/name (Kind/name if cluster-scoped).'),
  evidence: z
    .array(evidenceSchema)
    .max(30)
    .default([])
    .describe('Facts you read with the tools, quoted verbatim, each naming its object.'),
  proposals: z
    .array(loose)
    .max(10)
    .default([])
    .describe(
      `Remediations to put before a human for approval; action one of: ${actionNames.join(', ')}.`,
    ),
});

export type Answer = z.infer<typeof answerSchema>;

export type AnswerParse =
  | {
      readonly ok: true;
      readonly answer: Answer;
      readonly proposals: Proposal[];
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly error: string };

export function describeZodError(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.length === 0 ? '(answer)' : i.path.join('.')}: ${i.message}`)
    .join('; ');
}

function catalogueProposals(answer: Answer): {
  proposals: Proposal[];
  warnings: string[];
  errors: string[];
} {
  const proposals: Proposal[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const [i, p] of answer.proposals.entries()) {
    if (!(actionNames as readonly string[]).includes(p.action)) {
      warnings.push(
        `dropped proposal "${p.action}" on ${p.target}: not in the remediation catalogue`,
      );
      continue;
    }
    const parsed = proposalSchema.safeParse(p);
    if (parsed.success) proposals.push(parsed.data);
    else errors.push(`proposals.${i}: ${describeZodError(parsed.error)}`);
  }
  return { proposals, warnings, errors };
}

export function parseAnswer(raw: unknown): AnswerParse {
  const parsed = answerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const { proposals, warnings, errors } = catalogueProposals(parsed.data);
  if (errors.length > 0) return { ok: false, error: errors.join('; ') };
  return { ok: true, answer: parsed.data, proposals, warnings };
}

/** A JSON object in a text answer (bare, or in a ```json fence). */
export function jsonInText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = fenced ?? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  try {
    return JSON.parse(candidate) as unknown;
  } catch {
    return undefined;
  }
}

export interface ReportContext {
  readonly target: string;
  readonly deterministic?: Report | undefined;
  readonly durationMs: number;
  readonly warnings: readonly string[];
}

export function reportFromAnswer(
  answer: Answer,
  proposals: readonly Proposal[],
  context: ReportContext,
): Report {
  const object = answer.object ?? context.deterministic?.findings[0]?.object ?? context.target;
  const evidence =
    answer.evidence.length > 0
      ? answer.evidence
      : [{ source: 'field' as const, object, text: answer.summary }];
  const root: Finding | undefined =
    answer.rootCause === null
      ? undefined
      : {
          id: `llm/${object}`,
          category: answer.category,
          severity: answer.severity,
          object,
          summary: answer.rootCause,
          evidence,
          affected: [],
          confidence: answer.confidence,
          action: proposals[0] ?? null,
        };
  return reportSchema.parse({
    target: context.target,
    summary: answer.summary,
    rootCause: answer.rootCause,
    confidence: answer.confidence,
    findings: [...(root === undefined ? [] : [root]), ...(context.deterministic?.findings ?? [])],
    proposals,
    partial: false,
    warnings: [...context.warnings],
    analyzer: 'llm',
    durationMs: Math.max(0, Math.round(context.durationMs)),
  });
}
