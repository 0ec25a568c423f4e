/**
 * The JSONPath subset an api Source's mapping may use (the schema's
 * pattern): `$`, `.name`, `[0]`, `['odd key']` and `[*]`. Returns every
 * value the path reaches (none when it reaches nothing).
 */
const segment = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]|\['([^']+)'\]|\[(\*)\]/gy;

type Step = { readonly key: string } | { readonly all: true };

function stepsOf(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  segment.lastIndex = 1;
  while (segment.lastIndex < path.length) {
    const m = segment.exec(path);
    if (m === null) return undefined;
    steps.push(m[4] === undefined ? { key: m[1] ?? m[2] ?? m[3] ?? '' } : { all: true });
  }
  return steps;
}

function childrenOf(value: unknown, step: Step): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  if ('all' in step) return Object.values(value);
  return Object.hasOwn(value, step.key) ? [(value as Record<string, unknown>)[step.key]] : [];
}

export function evaluateJsonPath(path: string, root: unknown): unknown[] | undefined {
  const steps = stepsOf(path);
  if (steps === undefined) return undefined;
  let current: unknown[] = [root];
  for (const step of steps) current = current.flatMap((v) => childrenOf(v, step));
  return current;
}
