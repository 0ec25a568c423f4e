import { z } from 'zod';
import { proposalSchema } from './actions.ts';

/**
 * The investigation report: what `investigate --json` prints (SPEC §8) and
 * what the LLM agent's final answer must parse as. Objects are named
 * `Kind/namespace/name` (`Kind/name` when cluster-scoped).
 */
export const categories = [
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'Unschedulable',
  'ProbeFailure',
  'ReplicasMismatch',
  'StuckRollout',
  'NodeNotReady',
  'NodePressure',
  'PVCPending',
  'ServiceNoEndpoints',
  'JobFailed',
  'HPAAtMax',
  'PDBBlocking',
  'Other',
] as const;

/** Categories that describe a pod's containers (grouped per workload, explained by a bad rollout). */
export const podCategories = [
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'Unschedulable',
  'ProbeFailure',
] as const satisfies readonly (typeof categories)[number][];
export type Category = (typeof categories)[number];

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

const objectName = z.string().min(3).max(320);

export const evidenceSchema = z.object({
  /** Where it was read: an object's field, an Event, a log line, a metric. */
  source: z.enum(['field', 'event', 'log', 'metric']),
  object: objectName,
  /** The quoted text or value, verbatim where possible. */
  text: z.string().max(4000),
  /** e.g. `status.containerStatuses[app].lastState.terminated.reason`, or the container of a log. */
  path: z.string().max(500).optional(),
  at: z.string().optional(),
});

export const findingSchema = z.object({
  id: z.string().min(1).max(400),
  category: z.enum(categories),
  severity: z.enum(severities),
  object: objectName,
  summary: z.string().min(1).max(2000),
  evidence: z.array(evidenceSchema).min(1),
  /** Other objects this finding is about (e.g. the pods behind a Deployment finding). */
  affected: z.array(objectName).default([]),
  confidence: z.number().min(0).max(1),
  action: proposalSchema.nullable().default(null),
  /** Set when a higher-ranked finding accounts for this one. */
  explainedBy: z.string().optional(),
});

export const reportSchema = z.object({
  target: z.string(),
  summary: z.string().min(1),
  /** The root cause in one sentence; null when nothing is wrong. */
  rootCause: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  findings: z.array(findingSchema),
  proposals: z.array(proposalSchema),
  partial: z.boolean(),
  /** What could not be read (forbidden, timed out), when partial. */
  warnings: z.array(z.string()).default([]),
  analyzer: z.enum(['deterministic', 'llm']),
  durationMs: z.number().int().min(0),
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Report = z.infer<typeof reportSchema>;
