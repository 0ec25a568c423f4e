import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withRules } from '../validation-rule.ts';
import { toStructuralSchema } from './from-json-schema.ts';

describe('toStructuralSchema', () => {
  it('turns a discriminated union into one object with CEL rules per branch', () => {
    const schema = z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('a'), shared: z.string(), onlyA: z.int().default(1) }),
      z.strictObject({
        type: z.literal('b'),
        shared: z.string().describe('other words'),
        onlyB: z.string(),
      }),
    ]);
    expect(toStructuralSchema(schema)).toEqual({
      type: 'object',
      properties: {
        type: {
          description: 'One of a or b; which other fields apply depends on it.',
          type: 'string',
          enum: ['a', 'b'],
        },
        shared: { description: 'other words', type: 'string' },
        onlyA: { type: 'integer' },
        onlyB: { type: 'string' },
      },
      required: ['type', 'shared'],
      'x-kubernetes-validations': [
        {
          rule: "!has(self.onlyA) || self.type == 'a'",
          message: 'onlyA is only allowed when type is a',
          fieldPath: '.onlyA',
          reason: 'FieldValueForbidden',
        },
        {
          rule: "!has(self.onlyB) || self.type == 'b'",
          message: 'onlyB is only allowed when type is b',
          fieldPath: '.onlyB',
          reason: 'FieldValueForbidden',
        },
        {
          rule: "!(self.type == 'b') || has(self.onlyB)",
          message: 'onlyB is required when type is b',
          fieldPath: '.onlyB',
          reason: 'FieldValueRequired',
        },
      ],
    });
  });

  it('merges an object field that differs per branch, and guards each branch own rules', () => {
    const schema = z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('x'),
        target: z.strictObject({ url: z.string(), depth: z.int().default(2) }),
      }),
      withRules(
        z.strictObject({
          kind: z.literal('y'),
          target: z.strictObject({ url: z.string().optional() }).optional(),
        }),
        [{ rule: 'has(self.target)', message: 'needs target', check: () => [] }],
      ),
    ]);
    const out = toStructuralSchema(schema);
    expect(out.properties?.target).toEqual({
      type: 'object',
      properties: { url: { type: 'string' }, depth: { type: 'integer' } },
    });
    expect(out.required).toEqual(['kind']);
    expect(out['x-kubernetes-validations']?.map((r) => r.rule)).toEqual([
      "self.kind != 'y' || (has(self.target))",
      "!(self.kind == 'x') || has(self.target)",
      "!(self.kind == 'x') || !has(self.target) || has(self.target.url)",
      "!(has(self.target) && has(self.target.depth)) || self.kind == 'x'",
    ]);
  });

  it('keeps a default only when every branch has the same one', () => {
    const schema = z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('a'),
        retries: z.int().default(0),
        limit: z.int().default(5),
      }),
      z.strictObject({
        type: z.literal('b'),
        retries: z.int().default(0),
        limit: z.int().default(9),
      }),
    ]);
    const out = toStructuralSchema(schema);
    expect(out.properties?.retries?.default).toBe(0);
    expect(out.properties?.limit?.default).toBeUndefined();
  });

  it('writes nullable, free-form maps, typed maps, and nested defaults into object defaults', () => {
    const schema = z.strictObject({
      note: z.string().nullable(),
      params: z.record(z.string(), z.unknown()),
      labels: z.record(z.string(), z.string()),
      policy: z
        .strictObject({ required: z.int().default(1), approvers: z.array(z.string()).default([]) })
        .prefault({}),
    });
    expect(toStructuralSchema(schema).properties).toEqual({
      note: { type: 'string', nullable: true },
      params: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      policy: {
        type: 'object',
        default: { required: 1, approvers: [] },
        properties: {
          required: { type: 'integer', default: 1 },
          approvers: { type: 'array', items: { type: 'string' }, default: [] },
        },
      },
    });
  });

  it('refuses what a structural schema cannot say, naming where', () => {
    expect(() =>
      toStructuralSchema(z.strictObject({ a: z.union([z.string(), z.number()]) })),
    ).toThrow(/^\.a: only unions/);
    expect(() => toStructuralSchema(z.strictObject({ a: z.string().regex(/^(?!x)/) }))).toThrow(
      /\.a: pattern .* RE2/,
    );
    expect(() =>
      toStructuralSchema(z.strictObject({ pair: z.tuple([z.string(), z.int()]) })),
    ).toThrow(/^\.pair\[\]: only unions/);
  });
});
