import type { Finding } from '../investigation/report.ts';
import { analyzeConfigErrors } from './config-error.ts';
import { analyzeCrashLoops } from './crash-loop.ts';
import type { Analyzer } from './finding.ts';
import { analyzeHpas } from './hpa-at-max.ts';
import { analyzeImagePulls } from './image-pull.ts';
import { analyzeJobs } from './job-failed.ts';
import { analyzeNodes } from './node-health.ts';
import { analyzeOomKills } from './oom-killed.ts';
import { analyzePdbs } from './pdb-blocking.ts';
import { analyzeProbeFailures } from './probe-failure.ts';
import { analyzePendingClaims } from './pvc-pending.ts';
import { analyzeReplicasMismatch } from './replicas-mismatch.ts';
import { analyzeRollouts } from './rollout.ts';
import { analyzeServices } from './service-endpoints.ts';
import type { Snapshot } from './snapshot.ts';
import { analyzeUnschedulable } from './unschedulable.ts';

export type { Analyzer } from './finding.ts';
export { emptySnapshot, type LogExcerpt, type Snapshot } from './snapshot.ts';

/** Every deterministic analyzer (SPEC §4), each a pure function of a snapshot. */
export const analyzers: readonly Analyzer[] = [
  analyzeCrashLoops,
  analyzeOomKills,
  analyzeImagePulls,
  analyzeConfigErrors,
  analyzeUnschedulable,
  analyzeProbeFailures,
  analyzeRollouts,
  analyzeReplicasMismatch,
  analyzeNodes,
  analyzePendingClaims,
  analyzeServices,
  analyzeJobs,
  analyzeHpas,
  analyzePdbs,
];

export function runAnalyzers(snapshot: Snapshot, list: readonly Analyzer[] = analyzers): Finding[] {
  return list.flatMap((analyze) => analyze(snapshot));
}
