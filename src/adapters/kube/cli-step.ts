import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import { errorText, type StepExecutor, type StepInput } from '../../app/run/steps/step-executor.ts';
import { apiVersion } from '../../core/resources/api-group.ts';
import type { StepOutcome } from '../../core/workflow/step-record.ts';

/**
 * `cli`: the step's image and command as a Kubernetes Job in the run's
 * namespace, owner-referenced to the WorkflowRun (deleted with it). The
 * output is the pod's logs. A resumed attempt finds its Job by name and
 * waits on it; a timed-out attempt deletes the Job and its pods.
 * `podLabels` are added to the pod template (tests use the simulator's
 * `sim.punchingfist.io/logs` label to choose what the pod "prints").
 */
export interface CliDeps {
  readonly batch: k8s.BatchV1Api;
  readonly core: k8s.CoreV1Api;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly pollMs?: number;
  readonly maxLogBytes?: number;
}

export const cliOutputSchema = z.strictObject({
  job: z.string(),
  succeeded: z.boolean(),
  logs: z.string(),
});

type CliStep = Parameters<StepExecutor<'cli'>>[0];

export function jobNameOf(run: string, step: string): string {
  return `${run}-${step}`.slice(0, 63).replace(/[-.]+$/, '');
}

function jobBody(step: CliStep, input: StepInput, name: string, deps: CliDeps): k8s.V1Job {
  const labels = {
    'punchingfist.io/run': input.run.name.slice(0, 63),
    'punchingfist.io/step': step.name,
  };
  const owner =
    input.run.uid === undefined
      ? []
      : [
          {
            apiVersion,
            kind: 'WorkflowRun',
            name: input.run.name,
            uid: input.run.uid,
            controller: true,
          },
        ];
  return {
    metadata: { name, namespace: input.run.namespace, labels, ownerReferences: owner },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: { ...labels, ...deps.podLabels } },
        spec: {
          restartPolicy: 'Never',
          ...(step.serviceAccountName === undefined
            ? {}
            : { serviceAccountName: step.serviceAccountName }),
          containers: [
            {
              name: 'cli',
              image: step.image,
              command: [...step.command],
              ...(step.args ? { args: [...step.args] } : {}),
            },
          ],
        },
      },
    },
  };
}

async function ensureJob(deps: CliDeps, body: k8s.V1Job, namespace: string): Promise<void> {
  try {
    await deps.batch.createNamespacedJob({ namespace, body });
  } catch (err) {
    if (!(err instanceof k8s.ApiException && err.code === 409)) throw err;
  }
}

async function waitForJob(deps: CliDeps, name: string, namespace: string, signal: AbortSignal) {
  while (!signal.aborted) {
    const job = await deps.batch.readNamespacedJobStatus({ name, namespace });
    const conditions = job.status?.conditions ?? [];
    const done = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
    if (done('Complete') || (job.status?.succeeded ?? 0) > 0) return true;
    if (done('Failed')) return false;
    await sleep(deps.pollMs ?? 500, undefined, { signal }).catch(() => undefined);
  }
  return undefined;
}

async function logsOf(deps: CliDeps, name: string, namespace: string): Promise<string> {
  const pods = await deps.core.listNamespacedPod({ namespace, labelSelector: `job-name=${name}` });
  const pod = pods.items[0]?.metadata?.name;
  if (pod === undefined) return '';
  const text = await deps.core
    .readNamespacedPodLog({ name: pod, namespace, limitBytes: deps.maxLogBytes ?? 60_000 })
    .catch(() => '');
  return typeof text === 'string' ? text : '';
}

const deleteJob = (deps: CliDeps, name: string, namespace: string) =>
  deps.batch
    .deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' })
    .catch(() => undefined);

export function createCliStep(deps: CliDeps): StepExecutor<'cli'> {
  return async (step, input): Promise<StepOutcome> => {
    const name = jobNameOf(input.run.name, step.name);
    const namespace = input.run.namespace;
    try {
      await ensureJob(deps, jobBody(step, input, name, deps), namespace);
      const succeeded = await waitForJob(deps, name, namespace, input.signal);
      if (succeeded === undefined) {
        await deleteJob(deps, name, namespace);
        return { type: 'failed', error: `Job ${name} stopped: ${errorText(input.signal.reason)}` };
      }
      const output = cliOutputSchema.parse({
        job: name,
        succeeded,
        logs: await logsOf(deps, name, namespace),
      });
      if (!succeeded)
        return { type: 'failed', error: `Job ${name} failed: ${output.logs.slice(-500)}` };
      return {
        type: 'succeeded',
        output,
        summary: output.logs.slice(-200) || `Job ${name} completed`,
      };
    } catch (err) {
      return { type: 'failed', error: `Job ${name}: ${errorText(err)}` };
    }
  };
}
