import { z } from 'zod';
import { celString, re2Source, withRules } from './validation-rule.ts';

/**
 * Lists keyed by a field (`x-kubernetes-list-type: map`): the API server
 * rejects a duplicate key itself and server-side apply merges items by key.
 * zod gets the same uniqueness check.
 */
export function keyedList<T extends z.ZodType<Readonly<Record<K, string>>>, K extends string>(
  item: T,
  key: K,
  maxItems: number,
) {
  const list = z
    .array(item)
    .max(maxItems)
    .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [key] });
  return list.superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((entry, index) => {
      const value = entry[key];
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, key],
          message: `duplicate ${key} "${value}": each ${key} must be unique`,
        });
      }
      seen.add(value);
    });
  });
}

/**
 * A map with bounded size whose keys match a pattern. OpenAPI v3 has no
 * propertyNames, so the key pattern is a CEL rule in the CRD.
 */
export function boundedMap<V extends z.ZodType>(
  keyPattern: RegExp,
  keyHint: string,
  value: V,
  maxProperties: number,
) {
  const map = z
    .record(z.string(), value)
    .meta({ maxProperties })
    .superRefine((entries, ctx) => {
      if (Object.keys(entries).length > maxProperties) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${maxProperties} entries` });
      }
    });
  return withRules(map, [
    {
      rule: `self.all(k, k.matches(${celString(re2Source(keyPattern))}))`,
      message: `every key ${keyHint}`,
      check: (entries) =>
        Object.keys(entries)
          .filter((key) => !keyPattern.test(key))
          .map((key) => ({ path: [key], message: `key "${key}" ${keyHint}` })),
    },
  ]);
}

/** Free-form JSON object (`x-kubernetes-preserve-unknown-fields`). */
export function freeForm(description: string) {
  return z.record(z.string(), z.unknown()).describe(description);
}
