/** A seeded PRNG (mulberry32), so the fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hex(rand: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(rand() * 16).toString(16);
  return out;
}

export function timestamps(start: string, rand: () => number) {
  let t = Date.parse(start);
  return (maxStepMs: number) => {
    t += Math.floor(rand() * maxStepMs) + 1;
    return new Date(t).toISOString();
  };
}
