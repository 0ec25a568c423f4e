// Compares two JSON values by shape: key sets and value kinds, recursively. Used to pin
// the fake's payloads to recorded real Slack payloads without comparing their values.

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'other';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'object' || type === 'string' || type === 'number' || type === 'boolean')
    return type;
  return 'other';
}

/** Slack message timestamps: if the recording has one, the fake must produce one too. */
const SLACK_TS = /^\d{10}\.\d{6}$/;

function diffObjects(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  path: string,
): string[] {
  const missing = Object.keys(expected)
    .filter((key) => !(key in actual))
    .map((key) => `${path}.${key}: missing`);
  const unexpected = Object.keys(actual)
    .filter((key) => !(key in expected))
    .map((key) => `${path}.${key}: unexpected`);
  const nested = Object.keys(expected)
    .filter((key) => key in actual)
    .flatMap((key) => diffShape(expected[key], actual[key], `${path}.${key}`));
  return [...missing, ...unexpected, ...nested];
}

/**
 * Differences between `actual` and the recorded `expected`, as readable paths; empty when
 * the shapes match. Arrays: each actual element is compared with the recorded element at
 * the same index (or the last one); an empty recorded array accepts any elements.
 */
export function diffShape(expected: unknown, actual: unknown, path = '$'): string[] {
  const expectedKind = kindOf(expected);
  const actualKind = kindOf(actual);
  if (expectedKind !== actualKind) return [`${path}: expected ${expectedKind}, got ${actualKind}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return [];
    return actual.flatMap((item, index) =>
      diffShape(expected[Math.min(index, expected.length - 1)], item, `${path}[${index}]`),
    );
  }
  if (expectedKind === 'object') {
    return diffObjects(
      expected as Record<string, unknown>,
      actual as Record<string, unknown>,
      path,
    );
  }
  if (typeof expected === 'string' && SLACK_TS.test(expected) && !SLACK_TS.test(String(actual))) {
    return [`${path}: expected a Slack ts, got ${JSON.stringify(actual)}`];
  }
  return [];
}
