/**
 * The shape of a JSON payload: its keys, recursively, with each value's JSON
 * type in place of the value. Two payloads of the same shape differ only in
 * their values. Arrays keep the distinct shapes of their items.
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | readonly Shape[]
  | { readonly [key: string]: Shape };

export function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return distinct(value.map(shapeOf));
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value !== 'object') throw new TypeError(`not a JSON value: ${typeof value}`);
  const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) =>
    left.localeCompare(right),
  );
  return Object.fromEntries(entries.map(([key, item]) => [key, shapeOf(item)]));
}

function distinct(shapes: readonly Shape[]): Shape[] {
  const byJson = new Map(shapes.map((shape) => [JSON.stringify(shape), shape]));
  return [...byJson.keys()].sort().flatMap((key) => {
    const shape = byJson.get(key);
    return shape === undefined ? [] : [shape];
  });
}

/**
 * Where `actual` lacks what `expected` has: missing keys, or another JSON type
 * at the same path. Extra keys in `actual` are fine. Empty when `actual`
 * covers `expected`.
 */
export function shapeGaps(expected: Shape, actual: Shape, path = '$'): string[] {
  if (typeof expected === 'string' || typeof actual === 'string') {
    return JSON.stringify(expected) === JSON.stringify(actual)
      ? []
      : [`${path}: ${describe(actual)} instead of ${describe(expected)}`];
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    return Array.isArray(expected) && Array.isArray(actual)
      ? arrayGaps(expected, actual, path)
      : [`${path}: array mismatch`];
  }
  const objectActual = actual as Readonly<Record<string, Shape>>;
  return Object.entries(expected as Readonly<Record<string, Shape>>).flatMap(([key, shape]) => {
    const found = objectActual[key];
    return found === undefined
      ? [`${path}.${key}: missing`]
      : shapeGaps(shape, found, `${path}.${key}`);
  });
}

function arrayGaps(expected: readonly Shape[], actual: readonly Shape[], path: string): string[] {
  return expected.flatMap((item, index) =>
    actual.some((candidate) => shapeGaps(item, candidate).length === 0)
      ? []
      : [`${path}[${index}]: no item of this shape`],
  );
}

function describe(shape: Shape): string {
  return typeof shape === 'string' ? shape : Array.isArray(shape) ? 'array' : 'object';
}
