/** Axis numbers people read at a glance: 1.5k, 2.1M, 0.25, 3.2e-5. */
const units: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  for (const [factor, suffix] of units) {
    if (size >= factor) return `${trim(value / factor)}${suffix}`;
  }
  if (size !== 0 && size < 0.001) return value.toExponential(1);
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}
