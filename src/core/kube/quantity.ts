/**
 * Kubernetes resource quantities ("128Mi", "1.5Gi", "500m", "2", "1e3") as
 * numbers: bytes for memory, cores for CPU.
 */
const suffixes: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const pattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/;

export function parseQuantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = pattern.exec(text.trim());
  const [, digits, suffix] = match ?? [];
  if (digits === undefined || suffix === undefined) return undefined;
  const factor = suffixes[suffix];
  return factor === undefined ? undefined : Number(digits) * factor;
}

/** Bytes as a memory quantity, rounded up to whole Mi (or Gi when exact). */
export function formatMemory(bytes: number): string {
  const mi = Math.ceil(bytes / 2 ** 20);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

/** Cores as a CPU quantity: whole cores when exact, else millicores. */
export function formatCpu(cores: number): string {
  const milli = Math.ceil(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
