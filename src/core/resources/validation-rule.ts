import type { z } from 'zod';

/**
 * A rule the OpenAPI schema cannot express by itself, stated twice side by
 * side: once in CEL for the API server (`x-kubernetes-validations` in the
 * generated CRD) and once in TypeScript for zod (files loaded with
 * `--config`, and the controller). The integration test feeds the same bad
 * manifests to both, so the two cannot drift apart unnoticed.
 */
export type CelReason =
  | 'FieldValueInvalid'
  | 'FieldValueForbidden'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate';

/** One entry of `x-kubernetes-validations`. */
export interface CelValidation {
  readonly rule: string;
  readonly message: string;
  /** Where the API server reports the problem, relative to the rule's object, e.g. `.steps`. */
  readonly fieldPath?: string;
  readonly reason?: CelReason;
}

export interface Violation {
  /** Path of the offending field, relative to the checked value. */
  readonly path: readonly (string | number)[];
  /** Overrides the rule's message, e.g. to name the offending value. */
  readonly message?: string;
}

export interface ValidationRule<T> extends CelValidation {
  /** The same rule in TypeScript: where it is broken; empty when the value is valid. */
  readonly check: (value: T) => readonly Violation[];
}

export const celValidationsKey = 'x-kubernetes-validations';

export function celValidationsOf(schema: z.ZodType): readonly CelValidation[] {
  const existing = schema.meta()?.[celValidationsKey];
  return Array.isArray(existing) ? (existing as CelValidation[]) : [];
}

function toCel({ rule, message, fieldPath, reason }: CelValidation): CelValidation {
  return {
    rule,
    message,
    ...(fieldPath === undefined ? {} : { fieldPath }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** Attaches rules to a schema: a zod refinement and the CEL for the CRD. */
export function withRules<S extends z.ZodType>(
  schema: S,
  rules: readonly ValidationRule<z.output<S>>[],
): S {
  const refined = schema.superRefine((value, ctx) => {
    for (const rule of rules) {
      for (const violation of rule.check(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [...violation.path],
          message: violation.message ?? rule.message,
        });
      }
    }
  });
  return refined.meta({ [celValidationsKey]: [...celValidationsOf(schema), ...rules.map(toCel)] });
}

/** A rule only the API server can check (e.g. a transition rule over `oldSelf`). */
export function withServerRules<S extends z.ZodType>(
  schema: S,
  rules: readonly CelValidation[],
): S {
  return schema.meta({ [celValidationsKey]: [...celValidationsOf(schema), ...rules.map(toCel)] });
}

/**
 * A regex as RE2 (the API server) reads it. JavaScript's `source` escapes
 * every `/`; RE2 would accept that, but the CRD reads better without.
 */
export function re2Source(regex: RegExp): string {
  return regex.source.replaceAll('\\/', '/');
}

/** Quotes a string as a CEL string literal. */
export function celString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
