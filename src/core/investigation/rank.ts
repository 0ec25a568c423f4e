import { type Category, type Finding, podCategories, type Severity } from './report.ts';

/**
 * Root cause first. Each category has a weight: how likely a finding of it
 * is a cause rather than a symptom (a bad rollout explains crash loops,
 * which explain a replicas mismatch and a Service without endpoints). A
 * finding explains another when it weighs more, its category can cause the
 * other's (a NotReady node makes pods unready, not their config missing),
 * and it covers the other's object or all its affected objects. Explained
 * findings follow the unexplained ones and name what explains them.
 */
const weights: Readonly<Record<Category, number>> = {
  StuckRollout: 100,
  NodeNotReady: 90,
  PVCPending: 85,
  CreateContainerConfigError: 80,
  ImagePullBackOff: 80,
  OOMKilled: 75,
  Unschedulable: 70,
  CrashLoopBackOff: 70,
  JobFailed: 65,
  ProbeFailure: 60,
  HPAAtMax: 55,
  NodePressure: 50,
  ServiceNoEndpoints: 40,
  ReplicasMismatch: 30,
  PDBBlocking: 20,
  Other: 10,
};

const symptoms: readonly Category[] = ['ReplicasMismatch', 'ServiceNoEndpoints', 'PDBBlocking'];
const podLevel: readonly Category[] = podCategories;

/** What each category can cause. */
const causes: Readonly<Record<Category, ReadonlySet<Category>>> = {
  StuckRollout: new Set([...podLevel, ...symptoms]),
  NodeNotReady: new Set(['ProbeFailure', ...symptoms]),
  NodePressure: new Set(symptoms),
  PVCPending: new Set(['Unschedulable', ...symptoms]),
  CreateContainerConfigError: new Set([...podLevel, ...symptoms, 'JobFailed']),
  ImagePullBackOff: new Set([...podLevel, ...symptoms, 'JobFailed']),
  OOMKilled: new Set([...podLevel, ...symptoms, 'JobFailed']),
  Unschedulable: new Set([...podLevel, ...symptoms, 'JobFailed']),
  CrashLoopBackOff: new Set([...podLevel, ...symptoms, 'JobFailed']),
  ProbeFailure: new Set([...podLevel, ...symptoms]),
  JobFailed: new Set(symptoms),
  HPAAtMax: new Set(),
  ServiceNoEndpoints: new Set(),
  ReplicasMismatch: new Set(),
  PDBBlocking: new Set(),
  Other: new Set(),
};

const severities: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export function severityRank(severity: Severity): number {
  return severities[severity];
}

/** A Service whose selector matches nothing is a cause in itself, not a symptom of its pods. */
export function weight(f: Finding): number {
  if (f.category === 'ServiceNoEndpoints' && f.affected.length === 0) return 85;
  return weights[f.category];
}

export function explains(a: Finding, b: Finding): boolean {
  if (a.id === b.id || weight(a) <= weight(b) || !causes[a.category].has(b.category)) return false;
  const scope = new Set([a.object, ...a.affected]);
  return (
    scope.has(b.object) || (b.affected.length > 0 && b.affected.every((ref) => scope.has(ref)))
  );
}

function compare(target: string) {
  return (a: Finding, b: Finding): number =>
    weight(b) - weight(a) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(b.object === target) - Number(a.object === target) ||
    b.confidence - a.confidence ||
    a.id.localeCompare(b.id);
}

export interface Ranking {
  /** Unexplained findings first, then the explained ones. */
  readonly findings: readonly Finding[];
  readonly roots: readonly Finding[];
}

export function rank(findings: readonly Finding[], target: string): Ranking {
  const sorted = [...findings].sort(compare(target));
  const marked = sorted.map((f) => {
    const by = sorted.find((a) => explains(a, f));
    return by === undefined ? f : { ...f, explainedBy: by.id };
  });
  const roots = marked.filter((f) => f.explainedBy === undefined);
  return { findings: [...roots, ...marked.filter((f) => f.explainedBy !== undefined)], roots };
}
