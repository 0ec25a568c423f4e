/**
 * A readable before → after of what a change does to an object: one line
 * per changed leaf field (`spec.replicas: 3 → 5`). Bookkeeping the API
 * server writes on every change (resourceVersion, managedFields, status, …)
 * and our own idempotency mark are left out.
 */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const ignored = [
  /^status(\.|$)/,
  /^metadata\.(resourceVersion|generation|managedFields|uid|creationTimestamp)(\.|\[|$)/,
  /^metadata\.annotations\.punchingfist\.io\/last-action$/,
  /^metadata\.annotations\.deployment\.kubernetes\.io\/revision$/,
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, join(path, k), out);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(v, join(path, i), out);
    });
    return;
  }
  if (value !== undefined) out.set(path, value);
}

export function diffObjects(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths]
    .filter((p) => !ignored.some((r) => r.test(p)))
    .filter((p) => a.get(p) !== b.get(p))
    .sort()
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

function show(value: unknown): string {
  return value === undefined
    ? '(unset)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
}

export function formatChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`).join('\n');
}
