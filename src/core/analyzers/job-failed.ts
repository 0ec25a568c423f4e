import type { Proposal } from '../investigation/actions.ts';
import type { Evidence, Finding } from '../investigation/report.ts';
import { eventsFor } from '../kube/events.ts';
import { condition } from '../kube/meta.ts';
import type { Pod } from '../kube/pod.ts';
import { refOf } from '../kube/refs.ts';
import type { Job } from '../kube/workloads.ts';
import {
  type Analyzer,
  conditionEvidence,
  eventEvidence,
  fieldEvidence,
  makeFinding,
  plural,
} from './finding.ts';
import { type LogClues, logClues } from './log-lines.ts';
import { isOwnedBy } from './ownership.ts';
import { type ContainerIssue, containerIssues } from './pod-status.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * A Job that failed (backoff limit, deadline): the failed pods' exit codes
 * and log lines. Re-running is proposed only when the failure looks
 * transient (a dependency unreachable, a timeout) — never for a plain
 * application error, which would only fail again.
 */
const transient =
  /connection refused|connection reset|timed? ?out|timeout|temporar(y|ily)|unavailable|ECONNRESET|ECONNREFUSED|EAI_AGAIN|no route to host|too many requests|\b(429|502|503|504)\b|deadline exceeded/i;

function podsOf(job: Job, snapshot: Snapshot): Pod[] {
  const name = job.metadata.name;
  return snapshot.pods.filter(
    (p) =>
      p.metadata.namespace === job.metadata.namespace &&
      (isOwnedBy(p, job, 'Job') ||
        p.metadata.labels?.['job-name'] === name ||
        p.metadata.labels?.['batch.kubernetes.io/job-name'] === name),
  );
}

function rerun(job: Job, why: string): Proposal {
  return {
    action: 'rerun_job',
    target: refOf('Job', job),
    params: {},
    rationale: `the failure looks transient (${why}); run the Job again`,
  };
}

interface Failure {
  readonly pods: readonly Pod[];
  readonly pod?: Pod | undefined;
  readonly issue?: ContainerIssue | undefined;
  readonly logs: LogClues;
}

function failureOf(job: Job, snapshot: Snapshot): Failure {
  const pods = podsOf(job, snapshot).filter(
    (p) => p.status?.phase === 'Failed' || containerIssues(p).length > 0,
  );
  const [pod] = pods;
  const issue = pod === undefined ? undefined : containerIssues(pod)[0];
  return { pods, pod, issue, logs: logClues(snapshot, pod, issue?.container, 3) };
}

function podEvidence(f: Failure): Evidence[] {
  if (f.pod === undefined || f.issue === undefined) return [];
  const exit = f.issue.lastTerminated?.exitCode;
  return [
    fieldEvidence(
      refOf('Pod', f.pod),
      `${f.issue.path}.state.terminated`,
      `exit code ${exit ?? '?'} (${f.issue.reason})`,
    ),
  ];
}

function jobFinding(job: Job, snapshot: Snapshot): Finding | undefined {
  const failed = condition(job.status?.conditions, 'Failed');
  if (failed?.status !== 'True') return undefined;
  const ref = refOf('Job', job);
  const f = failureOf(job, snapshot);
  const exit = f.issue?.lastTerminated?.exitCode;
  const texts = [
    failed.message ?? '',
    ...f.logs.evidence.map((e) => e.text),
    f.issue?.message ?? '',
  ].join('\n');
  const hint = transient.exec(texts)?.[0];
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  const failures = job.status?.failed ?? f.pods.length;
  const warning = eventsFor(snapshot.events, 'Job', job).find((e) => e.type === 'Warning');
  return makeFinding({
    category: 'JobFailed',
    severity: 'high',
    object: ref,
    summary:
      `${ref} failed (${failed.reason ?? 'Failed'}: ${failed.message ?? ''}): ${plural(failures, 'failed pod')}, backoffLimit ${backoffLimit}` +
      (exit === undefined ? '' : `; last exit code ${exit}`) +
      (f.logs.headline === undefined ? '' : ` — ${f.logs.headline}`),
    evidence: [
      ...conditionEvidence(ref, failed, 'True'),
      fieldEvidence(ref, 'status.failed', `${failures} failed (backoffLimit ${backoffLimit})`),
      ...podEvidence(f),
      ...f.logs.evidence,
      ...(warning === undefined ? [] : [eventEvidence(ref, warning)]),
    ],
    affected: f.pods.map((p) => refOf('Pod', p)),
    confidence: f.logs.evidence.length > 0 ? 0.85 : 0.75,
    action: hint === undefined ? null : rerun(job, hint),
  });
}

export const analyzeJobs: Analyzer = (snapshot) =>
  snapshot.jobs.flatMap((job) => jobFinding(job, snapshot) ?? []);
