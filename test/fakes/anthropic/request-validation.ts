import type { z } from 'zod';
import { requestRuleViolation } from './request-rules.ts';
import { type MessagesRequest, messagesRequestSchema } from './request-schema.ts';

/** A request the fake accepted, or the message of the 400 the real API would send. */
export type Validation =
  | { readonly ok: true; readonly request: MessagesRequest }
  | { readonly ok: false; readonly message: string };

/**
 * Validates a parsed JSON body the way the real API reports problems: one
 * message naming the field by its dotted path (`max_tokens: Field required`,
 * `tools.0.parameters: Extra inputs are not permitted`).
 */
export function validateMessagesRequest(body: unknown): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'request body must be a JSON object' };
  }
  const parsed = messagesRequestSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue === undefined ? 'invalid request' : describeIssue(issue) };
  }
  const violation = requestRuleViolation(parsed.data);
  return violation === undefined
    ? { ok: true, request: parsed.data }
    : { ok: false, message: violation };
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, parentPath: readonly PropertyKey[] = []): string {
  const path = [...parentPath, ...issue.path].map(String);
  if (issue.code === 'invalid_union') {
    // Report the branch that got furthest (e.g. the block array, not the string alternative).
    const deepest = issue.errors
      .flatMap((branch) => branch.slice(0, 1))
      .sort((left, right) => right.path.length - left.path.length)[0];
    if (deepest !== undefined) return describeIssue(deepest, path);
  }
  if (issue.code === 'unrecognized_keys') {
    return `${[...path, issue.keys[0] ?? ''].join('.')}: Extra inputs are not permitted`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${path.join('.')}: Field required`;
  }
  return `${path.join('.')}: ${issue.message}`;
}
