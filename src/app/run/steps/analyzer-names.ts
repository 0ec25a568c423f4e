import { analyzeConfigErrors } from '../../../core/analyzers/config-error.ts';
import { analyzeCrashLoops } from '../../../core/analyzers/crash-loop.ts';
import type { Analyzer } from '../../../core/analyzers/finding.ts';
import { analyzeHpas } from '../../../core/analyzers/hpa-at-max.ts';
import { analyzeImagePulls } from '../../../core/analyzers/image-pull.ts';
import { analyzeJobs } from '../../../core/analyzers/job-failed.ts';
import { analyzeNodes } from '../../../core/analyzers/node-health.ts';
import { analyzeOomKills } from '../../../core/analyzers/oom-killed.ts';
import { analyzePdbs } from '../../../core/analyzers/pdb-blocking.ts';
import { analyzeProbeFailures } from '../../../core/analyzers/probe-failure.ts';
import { analyzePendingClaims } from '../../../core/analyzers/pvc-pending.ts';
import { analyzeReplicasMismatch } from '../../../core/analyzers/replicas-mismatch.ts';
import { analyzeRollouts } from '../../../core/analyzers/rollout.ts';
import { analyzeServices } from '../../../core/analyzers/service-endpoints.ts';
import { analyzeUnschedulable } from '../../../core/analyzers/unschedulable.ts';

/** Analyzer names an analyze step may list (`analyzers: [crashloop, oomkilled]`). */
export const analyzerNames: Readonly<Record<string, Analyzer>> = {
  crashloop: analyzeCrashLoops,
  oomkilled: analyzeOomKills,
  imagepull: analyzeImagePulls,
  configerror: analyzeConfigErrors,
  unschedulable: analyzeUnschedulable,
  probes: analyzeProbeFailures,
  rollout: analyzeRollouts,
  replicas: analyzeReplicasMismatch,
  nodes: analyzeNodes,
  pvc: analyzePendingClaims,
  services: analyzeServices,
  jobs: analyzeJobs,
  hpa: analyzeHpas,
  pdb: analyzePdbs,
};
